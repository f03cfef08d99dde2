import { mkdtemp, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DatasetError, loadTranslationDataset, parseJsonl } from './load.ts';
import { BriefItemSchema, TranslationItemSchema } from './schema.ts';

const dir = await mkdtemp(path.join(tmpdir(), 'evals-ds-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('parseJsonl', () => {
  it('NFC-normalises every string on intake', () => {
    const nfd = 'Hòa Bình'.normalize('NFD');
    const [item] = parseJsonl(JSON.stringify({ id: 'a', vi: nfd, en: 'Hoa Binh' }), TranslationItemSchema);
    expect(item!.vi).toBe('Hòa Bình'.normalize('NFC'));
    expect(item!.vi.length).toBe(8);
  });

  it.each([
    { name: 'bad JSON', text: '{"id":"a","vi":"x"}\n{"id":', msg: 'f.jsonl line 2: not valid JSON' },
    { name: 'missing field', text: '{"id":"a"}', msg: 'f.jsonl line 1: vi: Invalid input: expected string, received undefined' },
    { name: 'empty source', text: '{"id":"a","vi":"  "}', msg: 'f.jsonl line 1: vi: Too small' },
    { name: 'duplicate id', text: '{"id":"a","vi":"x"}\n\n{"id":"a","vi":"y"}', msg: 'f.jsonl line 3: id "a" already used on line 1' },
    { name: 'empty file', text: '\n\n', msg: 'f.jsonl: the dataset has no items' },
  ])('names the bad line: $name', ({ text, msg }) => {
    expect(() => parseJsonl(text, TranslationItemSchema, 'f.jsonl')).toThrow(msg);
  });

  it('reports the line number on the error object', () => {
    try {
      parseJsonl('{"id":"1","article":"a"}\n{"id":"2"}', BriefItemSchema, 'b.jsonl');
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(DatasetError);
      expect((err as DatasetError).line).toBe(2);
    }
  });
});

describe('committed datasets', () => {
  it('loads the NTREX dev set: 1007 items, 62 documents, references present', async () => {
    const items = await loadTranslationDataset(new URL('../../datasets/ntrex128-vi-en-dev.jsonl', import.meta.url).pathname);
    expect(items).toHaveLength(1007);
    expect(new Set(items.map((i) => i.doc)).size).toBe(62);
    expect(items.every((i) => i.en && i.vi === i.vi.normalize('NFC'))).toBe(true);
    expect(items[0]).toEqual({
      id: 'ntrex-1',
      doc: 'bbc.381790',
      vi: 'Các Đại biểu Quốc hội Wales (AM) lo lắng về việc ‘trông như những con rối’',
      en: "Welsh AMs worried about 'looking like muppets'",
    });
  });

  it('the smoke set is the first 20 items', async () => {
    const smoke = await loadTranslationDataset(new URL('../../datasets/smoke-20.jsonl', import.meta.url).pathname);
    const dev = await loadTranslationDataset(new URL('../../datasets/ntrex128-vi-en-dev.jsonl', import.meta.url).pathname);
    expect(smoke).toEqual(dev.slice(0, 20));
    expect(smoke[19]!.id).toBe('ntrex-26');
  });

  it('says which file it cannot read', async () => {
    await expect(loadTranslationDataset(path.join(dir, 'nope.jsonl'))).rejects.toThrow(/Cannot read dataset .*nope\.jsonl/);
    await writeFile(path.join(dir, 'x.jsonl'), '{"id":"a","vi":"xin chào"}\n');
    expect(await loadTranslationDataset(path.join(dir, 'x.jsonl'))).toEqual([{ id: 'a', vi: 'xin chào' }]);
  });
});
