import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, multipartBody, type TestApp } from '../helpers/test-app.ts';

const SAMPLE = fs.readFileSync(path.join(import.meta.dirname, '../fixtures/hoabinh-doi-ngoai-2020.txt'), 'utf8');

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

async function postSample(title?: string) {
  const res = await t.app.inject({ method: 'POST', url: '/api/articles', payload: { title, text: SAMPLE } });
  expect(res.statusCode).toBe(201);
  return res.json();
}

describe('GET /api/health', () => {
  it('reports the model as not configured when no key or base URL is set', async () => {
    const res = await t.app.inject('/api/health');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ok: true, version: expect.any(String), model: { configured: false, model: null, baseUrlHost: null } });
  });

  it('names the model and only the host of a local endpoint', async () => {
    const local = await createTestApp({ OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1', WORKBENCH_MODEL: 'qwen2.5:7b' });
    try {
      const body = (await local.app.inject('/api/health')).json();
      expect(body.model).toEqual({ configured: true, model: 'qwen2.5:7b', baseUrlHost: '127.0.0.1:11434' });
    } finally {
      await local.close();
    }
  });
});

describe('POST /api/articles', () => {
  it('imports the real sample: 9 body paragraphs, the caption and the byline, no teasers', async () => {
    const a = await postSample();
    const kinds = a.segments.map((s: { kind: string }) => s.kind);
    expect(kinds).toEqual(['lead', 'caption', ...Array(8).fill('paragraph'), 'byline']);
    expect(a.segments[0].source.startsWith('(HBĐT) - Ngày 6/1/2017')).toBe(true);
    expect(a.segments[1].source).toBe('Đoàn công tác tỉnh Yamanashi (Nhật Bản) làm việc, tìm hiểu cơ hội hợp tác, đầu tư vào tỉnh ta.');
    expect(a.segments[9].source.startsWith('3 năm qua, trong tỉnh thu hút được 16 dự án FDI')).toBe(true);
    expect(a.segments[10].source).toBe('Bình Giang');
    const all = a.segments.map((s: { source: string }) => s.source).join('\n');
    for (const teaser of ['Các tin khác', 'Thủ tướng chỉ đạo', 'Xem các tin đã đưa ngày', 'Tin trong: Chuyên mục này', 'VietGAP']) {
      expect(all).not.toContain(teaser);
    }
    const removed = a.removed.map((r: { text: string }) => r.text).join('\n');
    expect(removed).toContain('Thủ tướng chỉ đạo xây dựng Nghị định chế độ tiền lương mới');
    expect(a.removed.every((r: { reason: string }) => r.reason.length > 0)).toBe(true);
    expect(a.segments.every((s: { status: string; version: number }) => s.status === 'new' && s.version === 1)).toBe(true);
    expect(new Set(a.segments.map((s: { id: string }) => s.id)).size).toBe(11);
    expect(a.status).toBe('imported');
  });

  it('keeps segment ids stable across reads and stores sentence spans', async () => {
    const a = await postSample();
    const again = (await t.app.inject(`/api/articles/${a.id}`)).json();
    expect(again.segments.map((s: { id: string }) => s.id)).toEqual(a.segments.map((s: { id: string }) => s.id));
    const lead = again.segments[0];
    expect(lead.sentences.length).toBeGreaterThanOrEqual(2);
    expect(lead.source.slice(lead.sentences[0].start, lead.sentences[0].end).trim().endsWith('giai đoạn 2016 – 2020.')).toBe(true);
  });

  it('keeps the original upload under DATA_DIR', async () => {
    const a = await postSample();
    const kept = fs.readFileSync(path.join(t.dataDir, 'originals', a.id, 'pasted.txt'), 'utf8');
    expect(kept).toBe(SAMPLE);
  });

  it('returns NFC for NFD input', async () => {
    const nfd = 'Ủy ban nhân dân tỉnh Hòa Bình tiếp đoàn công tác tỉnh Yamanashi.'.normalize('NFD');
    const res = await t.app.inject({ method: 'POST', url: '/api/articles', payload: { text: nfd } });
    expect(res.statusCode).toBe(201);
    const src = res.json().segments[0].source;
    expect(src).toBe(nfd.normalize('NFC'));
    expect(src).not.toBe(nfd);
  });

  it('uses a given title as segment 0', async () => {
    const a = await postSample('Hòa Bình đẩy mạnh công tác đối ngoại');
    expect(a.title).toBe('Hòa Bình đẩy mạnh công tác đối ngoại');
    expect(a.segments[0]).toMatchObject({ kind: 'title', index: 0, source: 'Hòa Bình đẩy mạnh công tác đối ngoại' });
  });

  it('keeps the cut pieces an editor chose to restore, in their place, and no longer lists them as removed', async () => {
    const preview = (await t.app.inject({ method: 'POST', url: '/api/articles/preview', payload: { text: SAMPLE } })).json();
    const teaser = preview.removed.find((r: { text: string }) => r.text === 'Thủ tướng chỉ đạo xây dựng Nghị định chế độ tiền lương mới');
    expect(teaser).toBeDefined();
    const res = await t.app.inject({ method: 'POST', url: '/api/articles', payload: { text: SAMPLE, restore: [teaser.position] } });
    expect(res.statusCode).toBe(201);
    const a = res.json();
    expect(a.segments.map((s: { source: string }) => s.source).slice(-2)).toEqual(['Bình Giang', teaser.text]);
    expect(a.removed.map((r: { text: string }) => r.text)).not.toContain(teaser.text);
    expect(a.removed).toHaveLength(preview.removed.length - 1);

    const upload = await t.app.inject({ method: 'POST', url: '/api/articles', ...multipartBody('a.txt', Buffer.from(SAMPLE), { restore: String(teaser.position) }) });
    expect(upload.json().segments.at(-1).source).toBe(teaser.text);
    const bad = await t.app.inject({ method: 'POST', url: '/api/articles', ...multipartBody('a.txt', Buffer.from(SAMPLE), { restore: 'all of it' }) });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('"restore"');
  });

  it('accepts a multipart .txt upload', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/articles', ...multipartBody('bai-viet.txt', Buffer.from(SAMPLE), { title: 'Đối ngoại' }) });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ title: 'Đối ngoại', sourceFormat: 'txt', originalName: 'bai-viet.txt' });
  });

  it.each([
    { name: 'empty text', payload: { text: '   \n\n ' }, status: 400, code: 'ERR_INPUT_EMPTY' },
    { name: 'neither text nor html', payload: { title: 'x' }, status: 400, code: 'ERR_INPUT_MALFORMED' },
    { name: 'text of the wrong type', payload: { text: 42 }, status: 400, code: 'ERR_INPUT_MALFORMED' },
    { name: 'unknown field', payload: { text: 'Xin chào', colour: 'red' }, status: 400, code: 'ERR_INPUT_MALFORMED' },
  ])('rejects $name with $status $code', async ({ payload, status, code }) => {
    const before = (await t.app.inject('/api/articles')).json().articles.length;
    const res = await t.app.inject({ method: 'POST', url: '/api/articles', payload });
    expect(res.statusCode).toBe(status);
    expect(res.json().error.code).toBe(code);
    expect(res.json().error.message.length).toBeGreaterThan(10);
    expect((await t.app.inject('/api/articles')).json().articles.length).toBe(before);
  });

  it('rejects malformed JSON with a 400', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/articles', headers: { 'content-type': 'application/json' }, payload: '{"text": "abc' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toMatch(/^FST_ERR_CTP_INVALID_JSON_BODY|ERR_/);
  });

  it('rejects a binary upload with 415 and an unsupported type with 415', async () => {
    const bin = await t.app.inject({ method: 'POST', url: '/api/articles', ...multipartBody('anh.txt', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0xff, 0xfe, 0, 1])) });
    expect(bin.statusCode).toBe(415);
    expect(bin.json().error.code).toBe('ERR_INPUT_BINARY');
    const pdf = await t.app.inject({ method: 'POST', url: '/api/articles', ...multipartBody('bao-cao.pdf', Buffer.from('%PDF-1.4')) });
    expect(pdf.statusCode).toBe(415);
    expect(pdf.json().error.code).toBe('ERR_INPUT_UNSUPPORTED_TYPE');
  });

  it('rejects a body or an upload over the limit with 413 and says the limit', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/articles', payload: { text: 'a'.repeat(6 * 1024 * 1024) } });
    expect(res.statusCode).toBe(413);
    expect(res.json().error).toEqual({ code: 'FST_ERR_CTP_BODY_TOO_LARGE', message: expect.stringContaining('larger than 5 MB') });
    const upload = await t.app.inject({ method: 'POST', url: '/api/articles', ...multipartBody('big.txt', Buffer.alloc(11 * 1024 * 1024, 'a')) });
    expect(upload.statusCode).toBe(413);
    expect(upload.json().error).toEqual({ code: 'FST_REQ_FILE_TOO_LARGE', message: expect.stringContaining('larger than 10 MB') });
  });
});

describe('articles list, read, delete', () => {
  it('lists articles with counts by status and deletes one', async () => {
    const a = await postSample();
    const list = (await t.app.inject('/api/articles')).json().articles;
    const row = list.find((x: { id: string }) => x.id === a.id);
    expect(row.counts).toEqual({ total: 11, new: 11, translated: 0, edited: 0, confirmed: 0, approved: 0, failed: 0, flagged: 0 });
    expect((await t.app.inject({ method: 'DELETE', url: `/api/articles/${a.id}` })).statusCode).toBe(204);
    const gone = await t.app.inject(`/api/articles/${a.id}`);
    expect(gone.statusCode).toBe(404);
    expect(gone.json().error.code).toBe('ERR_ARTICLE_NOT_FOUND');
    expect(fs.existsSync(path.join(t.dataDir, 'originals', a.id))).toBe(false);
  });

  it('answers an unknown API path with a JSON 404', async () => {
    const res = await t.app.inject('/api/nothing-here');
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('ERR_NOT_FOUND');
  });
});

describe('PATCH /api/segments/:id', () => {
  it('saves an edit, then refuses a stale version with 409 and keeps the earlier edit', async () => {
    const a = await postSample();
    const seg = a.segments[2];
    const first = await t.app.inject({ method: 'PATCH', url: `/api/segments/${seg.id}`, payload: { translation: 'First editor’s text.', version: 1, editor: 'lan' } });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ id: seg.id, translation: 'First editor’s text.', status: 'edited', version: 2, origin: 'editor' });

    const stale = await t.app.inject({ method: 'PATCH', url: `/api/segments/${seg.id}`, payload: { translation: 'Second editor’s text.', version: 1, editor: 'minh' } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('ERR_SEGMENT_VERSION_CONFLICT');
    expect(stale.json().current).toMatchObject({ translation: 'First editor’s text.', version: 2 });

    const now = (await t.app.inject(`/api/articles/${a.id}`)).json().segments[2];
    expect(now).toMatchObject({ translation: 'First editor’s text.', version: 2 });
    const history = (await t.app.inject(`/api/segments/${seg.id}/history`)).json().edits;
    expect(history).toEqual([expect.objectContaining({ editor: 'lan', before: null, after: 'First editor’s text.', afterStatus: 'edited', version: 2 })]);
  });

  it('approves a translated segment and derives the article status', async () => {
    const a = await postSample();
    const seg = a.segments[0];
    const edit = (await t.app.inject({ method: 'PATCH', url: `/api/segments/${seg.id}`, payload: { translation: 'Lead.', version: 1 } })).json();
    // "Lead." is far shorter than the source (a QA omission error): approving it needs a reason.
    const ok = await t.app.inject({ method: 'PATCH', url: `/api/segments/${seg.id}`, payload: { status: 'approved', version: edit.version, qaOverride: { reason: 'placeholder title agreed with the desk' } } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'approved', translation: 'Lead.', version: 3 });
    expect((await t.app.inject(`/api/articles/${a.id}`)).json().status).toBe('in_review');
  });

  it('checks an edit again with QA and stores an approved pair in the translation memory', async () => {
    const a = await postSample();
    const seg = a.segments[9]; // "3 năm qua, ... 16 dự án FDI với tổng vốn đầu tư 272,303 triệu USD."
    const wrong = 'Over the past three years, the province attracted 61 FDI projects with total capital of USD 272.303 million.';
    const edited = (await t.app.inject({ method: 'PATCH', url: `/api/segments/${seg.id}`, payload: { translation: wrong, version: 1 } })).json();
    expect(edited.qa.map((i: { code: string }) => i.code)).toContain('QA_NUMBER_CHANGED');
    const right = wrong.replace('61', '16');
    const fixed = (await t.app.inject({ method: 'PATCH', url: `/api/segments/${seg.id}`, payload: { translation: right, version: edited.version } })).json();
    expect(fixed.qa.filter((i: { code: string }) => i.code.startsWith('QA_NUMBER'))).toEqual([]);

    const before = (await t.app.inject({ method: 'GET', url: '/api/tm/lookup', query: { source: seg.source } })).json();
    expect(JSON.stringify(before)).not.toContain(right);
    // Only the first sentence is translated (a QA omission error), so the approval gives a reason.
    const approved = await t.app.inject({ method: 'PATCH', url: `/api/segments/${seg.id}`, payload: { status: 'approved', version: fixed.version, qaOverride: { reason: 'the rest of the paragraph is cut in English' } } });
    expect(approved.statusCode).toBe(200);
    const after = (await t.app.inject({ method: 'GET', url: '/api/tm/lookup', query: { source: seg.source } })).json();
    expect(JSON.stringify(after)).toContain(right);
  });

  it('refuses to approve a segment with no translation', async () => {
    const a = await postSample();
    const res = await t.app.inject({ method: 'PATCH', url: `/api/segments/${a.segments[3].id}`, payload: { status: 'approved', version: 1 } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('ERR_INPUT_MALFORMED');
    expect((await t.app.inject(`/api/articles/${a.id}`)).json().segments[3]).toMatchObject({ status: 'new', version: 1 });
  });

  it.each([
    { name: 'missing version', payload: { translation: 'x' } },
    { name: 'status new is not an editor action', payload: { status: 'new', version: 1 } },
  ])('rejects $name with 400 ERR_VALIDATION', async ({ payload }) => {
    const a = await postSample();
    const res = await t.app.inject({ method: 'PATCH', url: `/api/segments/${a.segments[0].id}`, payload });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('ERR_VALIDATION');
  });

  it('answers 404 for an unknown segment', async () => {
    const res = await t.app.inject({ method: 'PATCH', url: '/api/segments/nope-001', payload: { translation: 'x', version: 1 } });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('ERR_SEGMENT_NOT_FOUND');
  });
});
