import { describe, expect, it } from 'vitest';
import { buildHostAllowList, hostConfigWarning, isHostAllowed, parseHost } from './hosts.ts';

describe('parseHost', () => {
  it.each([
    { value: 'localhost', host: { hostname: 'localhost' } },
    { value: 'Workbench.Example.org:8443', host: { hostname: 'workbench.example.org', port: '8443' } },
    { value: '[::1]:3000', host: { hostname: '[::1]', port: '3000' } },
    { value: '192.168.1.20', host: { hostname: '192.168.1.20' } },
    { value: 'http://workbench.example.org', host: undefined },
    { value: 'workbench.example.org/path', host: undefined },
    { value: 'a b', host: undefined },
    { value: 'host:99999', host: undefined },
    { value: '', host: undefined },
  ])('$value', ({ value, host }) => expect(parseHost(value)).toEqual(host));
});

describe('isHostAllowed', () => {
  const defaults = buildHostAllowList({ listenHost: '127.0.0.1' });
  it.each([
    { host: '127.0.0.1:3000', allowed: true },
    { host: '127.0.0.1:5173', allowed: true },
    { host: 'localhost:3000', allowed: true },
    { host: 'LOCALHOST', allowed: true },
    { host: '[::1]:3000', allowed: true },
    // DNS rebinding: a name the attacker controls, resolving to 127.0.0.1
    { host: 'rebind.evil.example:3000', allowed: false },
    { host: 'localhost.evil.example:3000', allowed: false },
    { host: '127.0.0.1.nip.io:3000', allowed: false },
    { host: 'localhost.:3000', allowed: false },
    { host: '127.0.0.2:3000', allowed: false },
    { host: '', allowed: false },
    { host: undefined, allowed: false },
  ])('$host by default: $allowed', ({ host, allowed }) => expect(isHostAllowed(host, defaults)).toBe(allowed));

  const office = buildHostAllowList({
    listenHost: '0.0.0.0',
    publicUrl: 'https://workbench.example.org',
    allowedHosts: ['192.168.1.20:3000', 'wb.lan'],
  });
  it.each([
    { host: 'workbench.example.org', allowed: true },
    { host: 'workbench.example.org:3000', allowed: true },
    { host: '192.168.1.20:3000', allowed: true },
    { host: '192.168.1.20:3001', allowed: false },
    { host: 'wb.lan:80', allowed: true },
    { host: '0.0.0.0:3000', allowed: false },
    { host: 'localhost:3000', allowed: true },
    { host: 'evil.example', allowed: false },
  ])('$host on the office server: $allowed', ({ host, allowed }) => expect(isHostAllowed(host, office)).toBe(allowed));

  it('lists each name once', () => {
    expect(buildHostAllowList({ listenHost: '127.0.0.1', allowedHosts: ['localhost', 'wb.lan', 'wb.lan:80'] })).toEqual([
      { hostname: 'localhost' }, { hostname: '127.0.0.1' }, { hostname: '[::1]' }, { hostname: 'wb.lan' }, { hostname: 'wb.lan', port: '80' },
    ]);
  });

  it('allows a specific listen address and a public URL with a port', () => {
    const list = buildHostAllowList({ listenHost: '10.0.0.5', publicUrl: 'http://wb.lan:8080' });
    expect(isHostAllowed('10.0.0.5:3000', list)).toBe(true);
    expect(isHostAllowed('wb.lan:8080', list)).toBe(true);
    expect(isHostAllowed('wb.lan:9090', list)).toBe(false);
    expect(isHostAllowed('[fe80::1]:3000', buildHostAllowList({ listenHost: 'fe80::1' }))).toBe(true);
  });
});

describe('hostConfigWarning', () => {
  it('warns when listening on every interface with no name to answer to', () => {
    expect(hostConfigWarning({ listenHost: '0.0.0.0', port: 3000 })).toMatch(/^HOST is 0\.0\.0\.0, .*set WORKBENCH_PUBLIC_URL \(e\.g\. http:\/\/192\.168\.1\.20:3000 .*WORKBENCH_ALLOWED_HOSTS/);
    expect(hostConfigWarning({ listenHost: '::', port: 3000 })).toMatch(/^HOST is ::, /);
  });
  it.each([
    { listenHost: '127.0.0.1', port: 3000 },
    { listenHost: '192.168.1.20', port: 3000 },
    { listenHost: '0.0.0.0', port: 3000, publicUrl: 'http://wb.lan:3000' },
    { listenHost: '0.0.0.0', port: 3000, allowedHosts: ['wb.lan'] },
  ])('is silent for $listenHost $publicUrl $allowedHosts', (input) => expect(hostConfigWarning(input)).toBeUndefined());
});
