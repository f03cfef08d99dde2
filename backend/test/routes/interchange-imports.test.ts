/**
 * Large interchange files against the real server in its own process (as `npm start` runs it, from the bundle, so the
 * readers run in its worker threads): a TMX into the memory, a TBX and a CSV into the termbase and an XLIFF back onto
 * an article are imported with the counts the import rules give, and /api/health keeps answering while each is read
 * and written (the same bounds as the intake-limit tests). The XLIFF goes first, while the termbase is small: its QA
 * builds the termbase's match index, whose first build after a change is not in slices.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportResult, XliffImportResult } from '../../src/schemas/terminology.ts';
import { articleParagraphs, largeTbx, largeTermsCsv, largeTmx, largeTmxCounts, largeXliff, vietnamesePhrase } from '../fixtures/large-interchange.ts';
import { startServerProcess, type ServerProcess } from '../helpers/server-process.ts';
import { expectResponsive, post, upload, whileHealthy } from '../helpers/while-healthy.ts';

const TMX_UNITS = 10_000;
const TBX_ENTRIES = 5_000;
const CSV_ENTRIES = 20_000;
const XLIFF_SEGMENTS = 2_000;

describe('large interchange imports on a listening server', () => {
  let s: ServerProcess;
  beforeAll(async () => {
    s = await startServerProcess();
  }, 90_000);
  afterAll(() => s.close());

  const get = async <T>(url: string) => (await (await fetch(`${s.base}${url}`)).json()) as T;

  it(`imports a TMX of ${TMX_UNITS.toLocaleString('en')} units while /api/health keeps answering`, async () => {
    const { answers, health } = await whileHealthy<ImportResult>(s.base, [post(s.base, '/api/tm/import', upload('bo-nho.tmx', largeTmx(TMX_UNITS)))]);
    expect(answers[0]!.status).toBe(200);
    const result = answers[0]!.body;
    expect({ ...result, skippedItems: result.skippedItems?.length }).toEqual({ format: 'tmx', ...largeTmxCounts(TMX_UNITS), skippedItems: largeTmxCounts(TMX_UNITS).skipped });
    expect(result.skippedItems![0]).toEqual({ index: 1000, reason: 'empty English segment' });
    expectResponsive(health);
    // The last unit is stored as exported; a unit that repeats an earlier one merged into it (one match, not two).
    const last = await get<{ matches: { source: string; target: string; exact: boolean }[] }>(`/api/tm/lookup?source=${encodeURIComponent(vietnamesePhrase(TMX_UNITS - 2))}`);
    expect(last.matches[0]).toMatchObject({ source: vietnamesePhrase(TMX_UNITS - 2), target: `Hoa Binh external affairs phrase no. ${TMX_UNITS - 1}`, exact: true });
    const twin = await get<{ matches: { createdBy: string | null; exact: boolean }[] }>(`/api/tm/lookup?threshold=1&source=${encodeURIComponent(vietnamesePhrase(250))}`);
    expect(twin.matches).toEqual([expect.objectContaining({ exact: true, createdBy: 'lan' })]);
  }, 60_000);

  it('refuses a TMX nesting 100,000 elements deep with a 422 naming the limit', async () => {
    const tmx = `<tmx version="1.4"><header/><body><tu><tuv xml:lang="vi"><seg>${'<hi>'.repeat(100_000)}Hòa Bình${'</hi>'.repeat(100_000)}</seg></tuv><tuv xml:lang="en"><seg>Hoa Binh</seg></tuv></tu></body></tmx>`;
    const { answers, health } = await whileHealthy(s.base, [post(s.base, '/api/tm/import', upload('sau.tmx', tmx))]);
    expect(answers[0]).toEqual({ status: 422, body: { error: { code: 'ERR_INTERCHANGE_TOO_DEEP', message: expect.stringContaining('nests elements more than 256 levels deep (the limit)') } } });
    expectResponsive(health);
  });

  it(`applies an XLIFF of ${XLIFF_SEGMENTS.toLocaleString('en')} approved units to an article while /api/health keeps answering`, async () => {
    const created = await fetch(`${s.base}/api/articles`, { method: 'POST', body: JSON.stringify({ text: articleParagraphs(XLIFF_SEGMENTS).join('\n\n') }), headers: { 'content-type': 'application/json' } });
    expect(created.status).toBe(201);
    const article = (await created.json()) as Parameters<typeof largeXliff>[0];
    expect(article.segments).toHaveLength(XLIFF_SEGMENTS);
    const { answers, health } = await whileHealthy<XliffImportResult>(s.base, [post(s.base, `/api/articles/${article.id}/xliff`, upload('bai.xliff', largeXliff(article)))]);
    expect(answers[0]!.status).toBe(200);
    expect(answers[0]!.body).toMatchObject({ version: '2.0', units: XLIFF_SEGMENTS, unchanged: 0, unknownIds: [], changedSources: [], conflicts: [], ignored: [] });
    expect(answers[0]!.body.updated).toEqual(article.segments.map((seg) => seg.id));
    expectResponsive(health);
    const after = await get<{ segments: { status: string; translation: string | null }[] }>(`/api/articles/${article.id}`);
    expect(after.segments.every((seg, i) => seg.status === 'approved' && seg.translation === `Approved translation of paragraph ${i + 1}.`)).toBe(true);
  }, 90_000);

  it(`imports a TBX of ${TBX_ENTRIES.toLocaleString('en')} entries, then a CSV of ${CSV_ENTRIES.toLocaleString('en')} over it, while /api/health keeps answering`, async () => {
    const tbx = await whileHealthy<ImportResult>(s.base, [post(s.base, '/api/terms/import', upload('thuat-ngu.tbx', largeTbx(TBX_ENTRIES)))]);
    expect(tbx.answers[0]!.status).toBe(200);
    expect(tbx.answers[0]!.body).toMatchObject({ format: 'tbx', imported: TBX_ENTRIES, created: TBX_ENTRIES, updated: 0, unchanged: 0, skipped: 0 });
    expectResponsive(tbx.health);
    // The CSV names the same ids for its first entries: those are the same entries, unchanged (the identity rule).
    const csv = await whileHealthy<ImportResult>(s.base, [post(s.base, '/api/terms/import', upload('thuat-ngu.csv', largeTermsCsv(CSV_ENTRIES)))]);
    expect(csv.answers[0]!.status).toBe(200);
    expect(csv.answers[0]!.body).toMatchObject({ format: 'csv', delimiter: ',', imported: CSV_ENTRIES - TBX_ENTRIES, created: CSV_ENTRIES - TBX_ENTRIES, updated: 0, unchanged: TBX_ENTRIES, skipped: 0 });
    expectResponsive(csv.health);
    // A new workbench starts with its seed glossary: the file's entries are there once each, beside it.
    const { terms: list } = await get<{ terms: { id: string; vi: string; en: string; forbidden: string[] }[] }>('/api/terms');
    expect(list.filter((t) => /^external affairs term \d+$/u.test(t.en))).toHaveLength(CSV_ENTRIES);
    expect(list.find((t) => t.en === 'external affairs term 1')).toMatchObject({ vi: vietnamesePhrase(0, 3), forbidden: ['foreign affairs term 1'] });
  }, 60_000);

});
