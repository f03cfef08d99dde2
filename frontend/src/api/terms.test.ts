import { describe, expect, it } from 'vitest';
import { createTerm, deleteTerm, importTerms, listTerms, termsExportUrl, updateTerm } from './terms.ts';
import { json, stubFetch, useStub } from '../test/fixtures.ts';

const term = { id: 't1', vi: 'Sở Ngoại vụ', en: 'Department of Foreign Affairs', abbr: 'SNgV', forbidden: ['Foreign Service Department'], caseSensitive: false };

describe('terms api', () => {
  it('lists the terms from the envelope', async () => {
    useStub(stubFetch([(u) => (u === '/api/terms' ? json({ terms: [term] }) : undefined)]));
    expect(await listTerms()).toEqual([term]);
  });

  it('posts a new term as JSON and returns the saved one', async () => {
    const stub = useStub(stubFetch([() => json(term, 201)]));
    const body = { vi: 'Sở Ngoại vụ', en: 'Department of Foreign Affairs', forbidden: [], caseSensitive: false };
    expect(await createTerm(body)).toEqual(term);
    expect(stub.calls[0]).toMatchObject({ url: '/api/terms', method: 'POST', body });
  });

  it('surfaces a duplicate as the server coded it', async () => {
    useStub(stubFetch([() => json({ error: { code: 'ERR_CONFLICT', message: 'The termbase already has "Sở Ngoại vụ" = "Department of Foreign Affairs" (t1)' } }, 409)]));
    await expect(createTerm({ vi: 'Sở Ngoại vụ', en: 'Department of Foreign Affairs', forbidden: [], caseSensitive: false })).rejects.toMatchObject({
      status: 409, code: 'ERR_CONFLICT', message: 'The termbase already has "Sở Ngoại vụ" = "Department of Foreign Affairs" (t1)',
    });
  });

  it('patches and deletes by escaped id', async () => {
    const stub = useStub(stubFetch([(_u, init) => (init?.method === 'DELETE' ? new Response(null, { status: 204 }) : json({ ...term, note: null }))]));
    await updateTerm('t/1', { note: null, domain: 'gov' });
    await deleteTerm('t/1');
    expect(stub.calls.map((c) => [c.method, c.url, c.body])).toEqual([
      ['PATCH', '/api/terms/t%2F1', { note: null, domain: 'gov' }],
      ['DELETE', '/api/terms/t%2F1', null],
    ]);
  });

  it('uploads an import file as multipart field `file`', async () => {
    const stub = useStub(stubFetch([() => json({ format: 'csv', imported: 1, skipped: 0 })]));
    const csv = 'vi,en\nSở Ngoại vụ,Department of Foreign Affairs\n';
    expect(await importTerms(new Blob([csv], { type: 'text/csv' }), { fileName: 'terms.csv' })).toEqual({ format: 'csv', imported: 1, skipped: 0 });
    const form = stub.calls[0]!.body as FormData;
    expect(stub.calls[0]).toMatchObject({ url: '/api/terms/import', method: 'POST' });
    expect((form.get('file') as File).name).toBe('terms.csv');
    expect(await (form.get('file') as File).text()).toBe(csv);
    await importTerms(new Blob([csv]), { dryRun: true, fileName: 'terms.csv' });
    expect(stub.calls[1]).toMatchObject({ url: '/api/terms/import?dryRun=true', method: 'POST' });
  });

  it.each([
    { format: 'csv' as const, want: '/api/terms/export?format=csv' },
    { format: 'tbx' as const, want: '/api/terms/export?format=tbx' },
  ])('export URL for $format', ({ format, want }) => {
    expect(termsExportUrl(format)).toBe(want);
  });
});
