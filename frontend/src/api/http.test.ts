import { describe, expect, it } from 'vitest';
import { ApiError, request } from './http.ts';
import { json, stubFetch, useFetch, useStub } from '../test/fixtures.ts';
import { deleteArticle, listArticles, createArticle, previewArticle } from './articles.ts';
import { patchSegment } from './segments.ts';
import { getBrief, saveBrief, generateBrief } from './briefs.ts';
import { listEvals } from './evals.ts';
import { exportUrl } from './exports.ts';
import { seg } from '../test/fixtures.ts';


describe('request', () => {
  it('turns a coded error body into ApiError with code, status and message', async () => {
    useStub(stubFetch([() => json({ error: { code: 'ERR_MODEL_NOT_CONFIGURED', message: 'No model is configured' } }, 503)]));
    const err = await request('/api/x').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 503, code: 'ERR_MODEL_NOT_CONFIGURED', message: 'No model is configured' });
  });

  it('reports an unreachable server as ERR_NETWORK', async () => {
    useFetch(async () => {
      throw new TypeError('fetch failed');
    });
    await expect(request('/api/x')).rejects.toMatchObject({ status: 0, code: 'ERR_NETWORK' });
  });

  it('sends JSON with a content type', async () => {
    const stub = useStub(stubFetch([() => json({ id: 'a1' }, 201)]));
    await createArticle({ title: 'Hòa Bình', text: 'Đoàn công tác.' });
    expect(stub.calls[0]).toMatchObject({ url: '/api/articles', method: 'POST', body: { title: 'Hòa Bình', text: 'Đoàn công tác.' } });
    expect(stub.calls[0]!.headers.get('content-type')).toBe('application/json');
  });
});

describe('articles', () => {
  it('lists articles from the envelope', async () => {
    useStub(stubFetch([(u) => (u === '/api/articles' ? json({ articles: [{ id: 'a1' }, { id: 'a2' }] }) : undefined)]));
    expect((await listArticles()).map((a) => a.id)).toEqual(['a1', 'a2']);
  });

  it('uploads a file as multipart field `file`', async () => {
    const stub = useStub(stubFetch([() => json({ title: 't', segments: [], removed: [], conversions: [] })]));
    await previewArticle({ file: new Blob(['Đoàn công tác'], { type: 'text/plain' }), fileName: 'bai.txt' });
    const form = stub.calls[0]!.body as FormData;
    expect(stub.calls[0]!.url).toBe('/api/articles/preview');
    expect(form).toBeInstanceOf(FormData);
    expect((form.get('file') as File).name).toBe('bai.txt');
    expect(await (form.get('file') as File).text()).toBe('Đoàn công tác');
  });

  it('sends restore positions with JSON and with multipart', async () => {
    const stub = useStub(stubFetch([() => json({ id: 'a1' }, 201)]));
    await createArticle({ text: 'Bài' }, [0, 5]);
    await createArticle({ file: new Blob(['x']), fileName: 'a.docx' }, [2]);
    expect(stub.calls[0]!.body).toEqual({ text: 'Bài', restore: [0, 5] });
    expect((stub.calls[1]!.body as FormData).get('restore')).toBe('2');
  });

  it('deletes by id, escaping it', async () => {
    const stub = useStub(stubFetch([() => new Response(null, { status: 204 })]));
    await deleteArticle('a/1');
    expect(stub.calls[0]).toMatchObject({ url: '/api/articles/a%2F1', method: 'DELETE' });
  });
});

describe('patchSegment', () => {
  it('returns the saved segment', async () => {
    const saved = seg({ id: 's1', translation: 'The delegation', version: 2, status: 'edited' });
    const stub = useStub(stubFetch([() => json(saved)]));
    expect(await patchSegment('s1', { translation: 'The delegation', version: 1 })).toEqual({ ok: true, segment: saved });
    expect(stub.calls[0]).toMatchObject({ url: '/api/segments/s1', method: 'PATCH', body: { translation: 'The delegation', version: 1 } });
  });

  it('returns a 409 as a conflict carrying the server version', async () => {
    const current = seg({ id: 's1', translation: 'Their text', version: 3 });
    useStub(stubFetch([() => json({ error: { code: 'ERR_SEGMENT_VERSION_CONFLICT', message: 'changed' }, current }, 409)]));
    expect(await patchSegment('s1', { translation: 'Mine', version: 2 })).toEqual({ ok: false, conflict: current });
  });

  it('returns a QA gate refusal with its issues, and sends the override with the reason', async () => {
    const issues = [{ code: 'NUMBER_MISMATCH', severity: 'error', message: '12 in the source is missing in the English' }];
    const saved = seg({ id: 's1', translation: 'Ten delegations', version: 4, status: 'approved' });
    // The stubbed server blocks unless the request carries qaOverride, as the contract says.
    const stub = useStub(stubFetch([
      (_url, init) => (String(init?.body).includes('qaOverride') ? json(saved) : json({ error: { code: 'ERR_QA_GATE_BLOCKED', message: 'Segment s1 has QA errors' }, issues }, 409)),
    ]));
    expect(await patchSegment('s1', { status: 'approved', version: 3 })).toEqual({ ok: false, qaBlocked: { message: 'Segment s1 has QA errors', issues } });
    expect(await patchSegment('s1', { status: 'approved', version: 3, qaOverride: { reason: 'Figure checked with the author' } })).toEqual({ ok: true, segment: saved });
    expect(stub.calls[1]).toMatchObject({ method: 'PATCH', body: { status: 'approved', version: 3, qaOverride: { reason: 'Figure checked with the author' } } });
  });

  it('throws other failures', async () => {
    useStub(stubFetch([() => json({ error: { code: 'ERR_SEGMENT_NOT_FOUND', message: 'Segment s9 does not exist' } }, 404)]));
    await expect(patchSegment('s9', { version: 1 })).rejects.toMatchObject({ code: 'ERR_SEGMENT_NOT_FOUND' });
  });
});

describe('briefs and evals', () => {
  it('reads a missing brief as null', async () => {
    useStub(stubFetch([() => json({ error: { code: 'ERR_NOT_FOUND', message: 'no brief' } }, 404)]));
    expect(await getBrief('a1')).toBeNull();
  });

  it('posts the length and returns the job id', async () => {
    const stub = useStub(stubFetch([() => json({ jobId: 'j7' }, 202)]));
    expect(await generateBrief('a1', 'short')).toBe('j7');
    expect(stub.calls[0]).toMatchObject({ url: '/api/articles/a1/brief', method: 'POST', body: { length: 'short' } });
  });

  it('puts an approval with the version', async () => {
    const content = { headline: 'H', summary: 'S', keyPoints: [], people: [], organisations: [], places: [], figures: [] };
    const stub = useStub(stubFetch([() => json({ brief: { id: 'b1', version: 3, approved: true, content } })]));
    expect(await saveBrief('a1', { content, approved: true, version: 2 })).toEqual({ id: 'b1', version: 3, approved: true, content });
    expect(stub.calls[0]).toMatchObject({ method: 'PUT', body: { content, approved: true, version: 2 } });
  });

  it('reads a missing evals endpoint as no runs', async () => {
    useStub(stubFetch([]));
    expect(await listEvals()).toEqual([]);
  });

  it('builds export URLs', () => {
    expect(exportUrl('a1', 'docx', 'bilingual')).toBe('/api/articles/a1/export?format=docx&kind=bilingual');
  });
});
