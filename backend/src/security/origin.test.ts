import { describe, expect, it } from 'vitest';
import { isStateChanging, judgeRequestOrigin, ownOrigins, toOrigin, type OriginHeaders } from './origin.ts';

const OWN = ownOrigins('127.0.0.1:3000', 'https://workbench.example.org');

describe('ownOrigins', () => {
  it('is the request host over http and https plus the public URL', () => {
    expect(OWN).toEqual(['http://127.0.0.1:3000', 'https://127.0.0.1:3000', 'https://workbench.example.org']);
    expect(ownOrigins('LOCALHOST:80')).toEqual(['http://localhost', 'https://localhost:80']);
  });
});

describe('toOrigin', () => {
  it.each([
    { value: 'http://127.0.0.1:3000/articles/a1?x=1', origin: 'http://127.0.0.1:3000' },
    { value: 'HTTPS://Workbench.Example.org:443', origin: 'https://workbench.example.org' },
    { value: 'null', origin: undefined },
    { value: 'file:///home/x/page.html', origin: undefined },
    { value: 'data:text/html,<form>', origin: undefined },
    { value: '', origin: undefined },
  ])('$value', ({ value, origin }) => expect(toOrigin(value)).toBe(origin));
});

describe('judgeRequestOrigin', () => {
  const cases: Array<{ name: string; headers: OriginHeaders; allowed: boolean; by: string }> = [
    // the workbench's own pages
    { name: 'own Origin', headers: { origin: 'http://127.0.0.1:3000', 'sec-fetch-site': 'same-origin', referer: 'http://127.0.0.1:3000/articles' }, allowed: true, by: 'origin' },
    { name: 'own Origin behind a TLS proxy that keeps Host', headers: { origin: 'https://127.0.0.1:3000' }, allowed: true, by: 'origin' },
    { name: 'the public URL as Origin', headers: { origin: 'https://workbench.example.org', cookie: 'sid=1' }, allowed: true, by: 'origin' },
    { name: 'Sec-Fetch-Site same-origin without Origin', headers: { 'sec-fetch-site': 'same-origin' }, allowed: true, by: 'sec-fetch-site' },
    { name: 'Sec-Fetch-Site none (typed by the user)', headers: { 'sec-fetch-site': 'none', cookie: 'sid=1' }, allowed: true, by: 'sec-fetch-site' },
    { name: 'own Referer alone', headers: { referer: 'http://127.0.0.1:3000/terms', cookie: 'sid=1' }, allowed: true, by: 'referer' },
    // non-browser clients
    { name: 'no signal and no cookie (CLI, curl)', headers: {}, allowed: true, by: 'none' },
    { name: 'no signal but a cookie', headers: { cookie: 'sid=1' }, allowed: false, by: 'cookie' },
    { name: 'no signal but an empty cookie header', headers: { cookie: '' }, allowed: false, by: 'cookie' },
    // other sites
    { name: 'another loopback address', headers: { origin: 'http://127.0.0.2:41234' }, allowed: false, by: 'origin' },
    { name: 'another port of the same host', headers: { origin: 'http://127.0.0.1:5174' }, allowed: false, by: 'origin' },
    { name: 'a look-alike name', headers: { origin: 'http://127.0.0.1:3000.evil.example' }, allowed: false, by: 'origin' },
    { name: 'Origin null', headers: { origin: 'null' }, allowed: false, by: 'origin' },
    { name: 'an empty Origin', headers: { origin: '' }, allowed: false, by: 'origin' },
    { name: 'two Origins', headers: { origin: ['http://127.0.0.1:3000', 'http://evil.example'] }, allowed: false, by: 'origin' },
    { name: 'own Origin but the browser says cross-site', headers: { origin: 'http://127.0.0.1:3000', 'sec-fetch-site': 'cross-site' }, allowed: false, by: 'sec-fetch-site' },
    { name: 'Sec-Fetch-Site same-site (another port)', headers: { 'sec-fetch-site': 'same-site' }, allowed: false, by: 'sec-fetch-site' },
    { name: 'Sec-Fetch-Site cross-site without Origin', headers: { 'sec-fetch-site': 'cross-site' }, allowed: false, by: 'sec-fetch-site' },
    { name: 'a foreign Referer without Origin', headers: { referer: 'http://evil.example/page' }, allowed: false, by: 'referer' },
    { name: 'a Referer that is no URL', headers: { referer: 'about:blank' }, allowed: false, by: 'referer' },
    { name: 'own Origin with a foreign Referer', headers: { origin: 'http://127.0.0.1:3000', referer: 'http://evil.example/' }, allowed: false, by: 'referer' },
  ];
  it.each(cases)('$name', ({ headers, allowed, by }) => {
    const verdict = judgeRequestOrigin(headers, OWN);
    expect({ allowed: verdict.allowed, by: verdict.by }).toEqual({ allowed, by });
  });

  it('names the offending header and value in the reason', () => {
    expect(judgeRequestOrigin({ origin: 'http://127.0.0.2:41234' }, OWN)).toEqual({ allowed: false, by: 'origin', reason: 'Origin "http://127.0.0.2:41234"' });
    expect(judgeRequestOrigin({ origin: 'null' }, OWN)).toMatchObject({ reason: expect.stringMatching(/^Origin: null \(a sandboxed frame/) });
    expect(judgeRequestOrigin({ referer: `http://evil.example/${'x'.repeat(300)}` }, OWN)).toMatchObject({ reason: `Referer "http://evil.example/${'x'.repeat(100)}…"` });
  });
});

describe('isStateChanging', () => {
  it.each([
    ['POST', true], ['put', true], ['PATCH', true], ['DELETE', true],
    ['GET', false], ['HEAD', false], ['OPTIONS', false],
  ])('%s', (method, expected) => expect(isStateChanging(method)).toBe(expected));
});
