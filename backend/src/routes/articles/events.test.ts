import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { fakeTranslate, startScriptedModelServer, translatorScript, type ScriptedModelServer } from '../../../test/helpers/scripted-model-server.ts';

const TEXT = 'Tỉnh Hòa Bình tăng cường quan hệ hữu nghị với các tỉnh của Lào.\n\nNăm 2020, tỉnh đón 12 đoàn khách quốc tế.';

let model: ScriptedModelServer;
let t: TestApp;
let base = '';
beforeAll(async () => {
  model = await startScriptedModelServer();
  model.setScript(translatorScript);
  t = await createTestApp({ OPENAI_API_KEY: 'k', OPENAI_BASE_URL: model.baseURL, WORKBENCH_MODEL: 'scripted-1', WORKBENCH_MAX_RETRIES: '0' });
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await t.close();
  await model.close();
});

interface Received { event: string; data: { type: string; segment?: { id: string; translation: string | null; status: string; version: number } } }

/** Open the stream and collect its events until `stop` says enough (or 5 s pass). */
async function listen(articleId: string) {
  const ctrl = new AbortController();
  const res = await fetch(`${base}/api/articles/${articleId}/events`, { signal: ctrl.signal });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
  const events: Received[] = [];
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  const pump = (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += value;
        let cut;
        while ((cut = buffer.indexOf('\n\n')) !== -1) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const ev = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (ev && data) events.push({ event: ev, data: JSON.parse(data) });
        }
      }
    } catch { /* aborted */ }
  })();
  const until = async (ok: () => boolean) => {
    const deadline = Date.now() + 5000;
    while (!ok()) {
      if (Date.now() > deadline) throw new Error(`timed out; got ${JSON.stringify(events.map((e) => e.event))}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  };
  await until(() => events.some((e) => e.event === 'ready'));
  return { events, until, close: async () => { ctrl.abort(); await pump; } };
}

async function importArticle(text = TEXT): Promise<{ id: string; segments: { id: string; source: string; version: number }[] }> {
  const res = await t.app.inject({ method: 'POST', url: '/api/articles', payload: { text } });
  expect(res.statusCode).toBe(201);
  return res.json();
}

describe('GET /api/articles/:id/events', () => {
  it('answers 404 with a coded error for an unknown article', async () => {
    const res = await t.app.inject('/api/articles/nope/events');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: { code: 'ERR_ARTICLE_NOT_FOUND', message: 'Article nope does not exist' } });
  });

  it('sends the whole segment to every subscriber when an editor saves, and nothing of other articles', async () => {
    const a = await importArticle();
    const other = await importArticle();
    const one = await listen(a.id);
    const two = await listen(a.id);
    const seg = a.segments[1]!;
    const patch = await t.app.inject({ method: 'PATCH', url: `/api/segments/${seg.id}`, payload: { version: seg.version, translation: 'In 2020 the province welcomed 12 international delegations.' } });
    expect(patch.statusCode).toBe(200);
    const otherSeg = other.segments[0]!;
    expect((await t.app.inject({ method: 'PATCH', url: `/api/segments/${otherSeg.id}`, payload: { version: otherSeg.version, translation: 'Other article' } })).statusCode).toBe(200);
    const approve = await t.app.inject({ method: 'PATCH', url: `/api/segments/${seg.id}`, payload: { version: seg.version + 1, status: 'approved' } });
    expect(approve.statusCode).toBe(200);
    for (const l of [one, two]) {
      await l.until(() => l.events.filter((e) => e.event === 'segment').length === 2);
      const segs = l.events.filter((e) => e.event === 'segment').map((e) => e.data.segment!);
      expect(segs.map((s) => [s.id, s.status, s.version, s.translation])).toEqual([
        [seg.id, 'edited', seg.version + 1, 'In 2020 the province welcomed 12 international delegations.'],
        [seg.id, 'approved', seg.version + 2, 'In 2020 the province welcomed 12 international delegations.'],
      ]);
      // The event carries the segment as the PATCH answer has it (without the answer's list of propagated segments).
      const { propagated: _, ...saved } = patch.json();
      expect(segs[0]).toEqual(saved);
    }
    await one.close();
    await two.close();
  });

  it('sends each segment as a translation job stores it', async () => {
    // Not the text approved above, which the memory would fill without the model.
    const a = await importArticle('Đoàn công tác thăm tỉnh Hủa Phăn.\n\nHai bên ký biên bản ghi nhớ hợp tác.');
    const l = await listen(a.id);
    const post = await t.app.inject({ method: 'POST', url: `/api/articles/${a.id}/translate` });
    expect(post.statusCode).toBe(202);
    await l.until(() => l.events.filter((e) => e.event === 'segment').length === a.segments.length);
    const got = l.events.filter((e) => e.event === 'segment').map((e) => e.data.segment!);
    expect(got.map((s) => s.id).sort()).toEqual(a.segments.map((s) => s.id).sort());
    for (const s of got) {
      const source = a.segments.find((x) => x.id === s.id)!.source;
      expect(s).toMatchObject({ status: 'translated', translation: fakeTranslate(source) });
    }
    await l.close();
  });
});
