/**
 * Uploads that used to end in a 500: multipart without a boundary or with a broken body on every route that takes
 * multipart, names past the file system's 255 bytes, and files whose bytes are not what their name says.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDocx } from '../fixtures/sample-docx.ts';
import { createTestApp, multipartBody, type TestApp } from '../helpers/test-app.ts';
import { originalFileName, ORIGINAL_NAME_MAX_BYTES } from '../../src/services/articles.ts';

const SAMPLE = fs.readFileSync(path.join(import.meta.dirname, '../fixtures/hoabinh-doi-ngoai-2020.txt'), 'utf8');

let t: TestApp;
let articleId: string;
beforeAll(async () => {
  t = await createTestApp();
  articleId = (await t.app.inject({ method: 'POST', url: '/api/articles', payload: { text: SAMPLE } })).json().id;
});
afterAll(() => t.close());

/** Every route that accepts multipart/form-data. */
const MULTIPART_ROUTES = () => ['/api/articles', '/api/articles/preview', '/api/terms/import', '/api/tm/import', `/api/articles/${articleId}/xliff`];
const originals = () => fs.readdirSync(path.join(t.dataDir, 'originals')).sort();

describe('multipart requests on every upload route', () => {
  it.each(['multipart/form-data', 'multipart/form-data; boundary=', 'multipart/form-data; charset=utf-8'])(
    '"%s" (no boundary) is a 400 saying what to do',
    async (type) => {
      for (const url of MULTIPART_ROUTES()) {
        const res = await t.app.inject({ method: 'POST', url, headers: { 'content-type': type }, payload: 'Tỉnh Hòa Bình' });
        expect({ url, status: res.statusCode, code: res.json().error.code }).toEqual({ url, status: 400, code: 'ERR_UPLOAD_NO_BOUNDARY' });
        expect(res.json().error.message).toContain('has no boundary in its Content-Type');
      }
    },
  );

  it.each([
    { name: 'a body that is no multipart at all', payload: 'Tỉnh Hòa Bình' },
    { name: 'a body cut off in the middle of the file', payload: '--x\r\nContent-Disposition: form-data; name="file"; filename="bai.txt"\r\n\r\nTỉnh Hòa Bình' },
  ])('$name is a 400', async ({ payload }) => {
    for (const url of MULTIPART_ROUTES()) {
      const res = await t.app.inject({ method: 'POST', url, headers: { 'content-type': 'multipart/form-data; boundary=x' }, payload });
      expect({ url, status: res.statusCode, code: res.json().error.code }).toEqual({ url, status: 400, code: 'ERR_UPLOAD_MALFORMED' });
    }
  });
});

describe('upload names', () => {
  it('keeps an original whose name is 600 bytes of Vietnamese, cut between characters with its extension', async () => {
    const name = `${'Báo cáo đối ngoại tỉnh Hòa Bình '.repeat(15)}.txt`;
    expect(Buffer.byteLength(name)).toBeGreaterThan(255);
    const res = await t.app.inject({ method: 'POST', url: '/api/articles', ...multipartBody(name, Buffer.from(SAMPLE)) });
    expect(res.statusCode).toBe(201);
    const kept = fs.readdirSync(path.join(t.dataDir, 'originals', res.json().id));
    expect(kept).toHaveLength(1);
    expect(Buffer.byteLength(kept[0]!)).toBeLessThanOrEqual(ORIGINAL_NAME_MAX_BYTES);
    expect(kept[0]).toMatch(/^Báo_cáo_đối_ngoại_tỉnh_Hòa_Bình_Báo.*\.txt$/u);
    expect(fs.readFileSync(path.join(t.dataDir, 'originals', res.json().id, kept[0]!), 'utf8')).toBe(SAMPLE);
    expect(res.json().originalName).toBe(name);
  });

  it.each([
    { name: 'a.txt', expected: 'a.txt' },
    { name: '../../etc/Bài viết.docx', expected: 'Bài_viết.docx' },
    { name: `${'ố'.repeat(200)}.docx`, expected: `${'ố'.repeat(65)}.docx` },
    { name: `${'𝐀'.repeat(100)}.html`, expected: `${'𝐀'.repeat(48)}.html` },
    { name: `${'a'.repeat(300)}.${'x'.repeat(40)}`, expected: 'a'.repeat(200) },
  ])('originalFileName($name)', ({ name, expected }) => {
    expect(originalFileName(name)).toBe(expected);
  });

  it('leaves no folder behind in DATA_DIR/originals when the article cannot be saved', async () => {
    const before = originals();
    const create = t.deps.store.articles.create;
    t.deps.store.articles.create = async () => {
      throw new Error('disk full');
    };
    try {
      const res = await t.app.inject({ method: 'POST', url: '/api/articles', ...multipartBody(`${'ư'.repeat(300)}.txt`, Buffer.from(SAMPLE)) });
      expect(res.statusCode).toBe(500);
    } finally {
      t.deps.store.articles.create = create;
    }
    expect(originals()).toEqual(before);
  });
});

describe('files whose bytes are not what their name says', () => {
  it.each([
    { name: 'rỗng.txt', data: Buffer.alloc(0), status: 400, code: 'ERR_INPUT_EMPTY' },
    { name: 'bai.txt', data: Buffer.from([0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1, 0x00, 0x41]), status: 415, code: 'ERR_INPUT_BINARY' },
    { name: 'bai.txt', data: Buffer.from('Tỉnh Hòa Bình đẩy mạnh đối ngoại \xff\xfe ở đây', 'latin1'), status: 415, code: 'ERR_INPUT_BINARY' },
    { name: 'bai.docx', data: Buffer.from('Tỉnh Hòa Bình đẩy mạnh đối ngoại.'), status: 400, code: 'ERR_INPUT_MALFORMED' },
    { name: 'bai.html', data: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), status: 415, code: 'ERR_INPUT_BINARY' },
    { name: 'bai.pdf', data: Buffer.from('%PDF-1.4'), status: 415, code: 'ERR_INPUT_UNSUPPORTED_TYPE' },
  ])('$name ($code)', async ({ name, data, status, code }) => {
    const before = originals();
    const res = await t.app.inject({ method: 'POST', url: '/api/articles', ...multipartBody(name, data) });
    expect({ status: res.statusCode, code: res.json().error.code }).toEqual({ status, code });
    expect(originals()).toEqual(before);
  });

  it('reads a .txt upload that is really a .docx as a .docx would be told apart', async () => {
    const docx = await makeDocx([{ text: 'Tỉnh Hòa Bình đẩy mạnh đối ngoại.' }]);
    const res = await t.app.inject({ method: 'POST', url: '/api/articles', ...multipartBody('bai.txt', docx) });
    expect(res.statusCode).toBe(415);
    expect(res.json().error.message).toContain('upload it with its .docx name');
  });
});
