/** The security headers: the UI's policy on every answer (refusals included), a looser style rule only for /docs. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

const UI_CSP =
  "default-src 'self';script-src 'self';script-src-attr 'none';style-src 'self';img-src 'self' data:;font-src 'self';" +
  "connect-src 'self';object-src 'none';base-uri 'none';form-action 'self';frame-ancestors 'none'";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

const pick = (h: Record<string, unknown>) => ({
  csp: h['content-security-policy'],
  frame: h['x-frame-options'],
  sniff: h['x-content-type-options'],
  referrer: h['referrer-policy'],
});

describe('security headers', () => {
  it.each([
    { name: 'an API answer', req: { url: '/api/health' } },
    { name: 'an unknown route', req: { url: '/api/nothing-here' } },
    { name: 'a foreign Host (421)', req: { url: '/api/articles', headers: { host: 'rebind.evil.example' } } },
    { name: 'another origin (403)', req: { method: 'POST' as const, url: '/api/articles', headers: { origin: 'http://127.0.0.2:41234' } } },
  ])('$name carries the UI policy, no framing, nosniff and a same-origin referrer policy', async ({ req }) => {
    const res = await t.app.inject(req);
    expect(pick(res.headers)).toEqual({ csp: UI_CSP, frame: 'DENY', sniff: 'nosniff', referrer: 'same-origin' });
  });

  it('has no upgrade-insecure-requests, which would break a plain-http office server', async () => {
    expect(String((await t.app.inject('/api/health')).headers['content-security-policy'])).not.toContain('upgrade-insecure-requests');
  });

  it('lets the API docs use inline styles, and nothing else more', async () => {
    for (const url of ['/docs', '/docs/static/swagger-ui-bundle.js', '/docs/json']) {
      const res = await t.app.inject(url);
      expect(res.statusCode, url).toBe(200);
      expect(pick(res.headers), url).toEqual({ csp: UI_CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'"), frame: 'DENY', sniff: 'nosniff', referrer: 'same-origin' });
    }
  });
});
