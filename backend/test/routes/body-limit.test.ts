/**
 * A refused body still gets an answer the client can read: the server reads the rest of the upload before it answers
 * and closes (nginx's lingering close), so a client that is still sending sees the 413 (or 401), not EPIPE.
 * The client here writes slowly over a raw socket, as a browser upload over an office network does.
 */
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { addUser } from '../../src/services/accounts.ts';
import { PASSWORD } from '../helpers/accounts.ts';
import { createTestApp, multipartBody, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
afterEach(async () => t?.close());

/** Send `body` in 64 KB chunks with a pause after each; resolve with what the server answered and any socket error. */
function slowPost(port: number, contentType: string, body: Buffer): Promise<{ answer: string; error: string | null; sent: number }> {
  return new Promise((resolve) => {
    const sock = net.connect(port, '127.0.0.1');
    let answer = '';
    let error: string | null = null;
    let sent = 0;
    sock.on('data', (d) => (answer += d.toString()));
    sock.on('error', (e) => (error = (e as NodeJS.ErrnoException).code ?? e.message));
    sock.on('close', () => resolve({ answer, error, sent }));
    sock.write(`POST /api/articles HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: ${contentType}\r\nContent-Length: ${body.length}\r\n\r\n`);
    const step = () => {
      if (sock.destroyed || sent >= body.length) return;
      const chunk = body.subarray(sent, sent + 64 * 1024);
      sent += chunk.length;
      sock.write(chunk, () => setTimeout(step, 1));
    };
    step();
    setTimeout(() => sock.destroy(), 20_000).unref();
  });
}

const listen = async () => {
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  return (t.app.server.address() as AddressInfo).port;
};

describe('a body over the limit', () => {
  it('a JSON body over 5 MB gets a readable 413 after the client finished sending', async () => {
    t = await createTestApp();
    const port = await listen();
    const body = Buffer.from(JSON.stringify({ text: 'Tỉnh Hòa Bình. '.repeat(400_000) }));
    expect(body.length).toBeGreaterThan(6 * 1024 * 1024);
    const r = await slowPost(port, 'application/json', body);
    expect(r.error).toBeNull();
    expect(r.sent).toBe(body.length);
    expect(r.answer).toMatch(/^HTTP\/1\.1 413 /);
    expect(r.answer).toContain('"code":"FST_ERR_CTP_BODY_TOO_LARGE"');
    expect(r.answer).toContain('larger than 5 MB');
  });

  it('an upload over 10 MB gets a readable 413', async () => {
    t = await createTestApp();
    const port = await listen();
    const mp = multipartBody('bai-viet.txt', Buffer.alloc(11 * 1024 * 1024, 'a'));
    const r = await slowPost(port, mp.headers['content-type'], mp.payload);
    expect(r.error).toBeNull();
    expect(r.answer).toMatch(/^HTTP\/1\.1 413 /);
    expect(r.answer).toContain('The uploaded file is larger than 10 MB');
  });

  it('an upload refused for want of a session gets a readable 401', async () => {
    t = await createTestApp();
    await addUser(t.deps, 'lan', 'translator', PASSWORD);
    const port = await listen();
    const mp = multipartBody('bai-viet.txt', Buffer.alloc(3 * 1024 * 1024, 'a'));
    const r = await slowPost(port, mp.headers['content-type'], mp.payload);
    expect(r.error).toBeNull();
    expect(r.answer).toMatch(/^HTTP\/1\.1 401 /);
    expect(r.answer).toContain('"code":"ERR_AUTH_REQUIRED"');
  });
});
