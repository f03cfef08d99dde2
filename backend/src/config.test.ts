import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ PORT: 3000, HOST: '127.0.0.1', WORKBENCH_CONCURRENCY: 4, LOG_LEVEL: 'info', modelConfigured: false });
    expect(c.dataDir).toBe(path.resolve('./data'));
  });

  it('counts a local base URL without a key as a configured model', () => {
    expect(loadConfig({ OPENAI_BASE_URL: 'http://127.0.0.1:8000/v1' }).modelConfigured).toBe(true);
    expect(loadConfig({ OPENAI_API_KEY: 'sk-test' }).modelConfigured).toBe(true);
    expect(loadConfig({ OPENAI_API_KEY: '' }).modelConfigured).toBe(false);
  });

  it.each([
    { name: 'PORT', env: { PORT: '99999' } },
    { name: 'WORKBENCH_CONCURRENCY', env: { WORKBENCH_CONCURRENCY: 'many' } },
    { name: 'WORKBENCH_RPM', env: { WORKBENCH_RPM: '0' } },
    { name: 'WORKBENCH_RPM', env: { WORKBENCH_RPM: '2.5' } },
    { name: 'OPENAI_BASE_URL', env: { OPENAI_BASE_URL: 'localhost:11434' } },
    { name: 'LOG_LEVEL', env: { LOG_LEVEL: 'loud' } },
    { name: 'WORKBENCH_PUBLIC_URL', env: { WORKBENCH_PUBLIC_URL: 'workbench.example.org' } },
    { name: 'WORKBENCH_PUBLIC_URL', env: { WORKBENCH_PUBLIC_URL: 'https://workbench.example.org/app' } },
    { name: 'WORKBENCH_ALLOWED_HOSTS', env: { WORKBENCH_ALLOWED_HOSTS: 'wb.lan,http://192.168.1.20:3000' } },
  ])('names the bad variable $name', ({ name, env }) => {
    expect(() => loadConfig(env)).toThrow(new RegExp(`^Invalid configuration:\\n  ${name}: `));
  });

  it('reads WORKBENCH_RPM as a number, unset or empty as no limit', () => {
    expect(loadConfig({ WORKBENCH_RPM: '500' }).WORKBENCH_RPM).toBe(500);
    expect(loadConfig({ WORKBENCH_RPM: '' }).WORKBENCH_RPM).toBeUndefined();
    expect(loadConfig({}).WORKBENCH_RPM).toBeUndefined();
  });

  it('reads the public URL as an origin and the allowed hosts as a list', () => {
    const c = loadConfig({ WORKBENCH_PUBLIC_URL: 'HTTPS://Workbench.Example.org:443/', WORKBENCH_ALLOWED_HOSTS: ' WB.lan , 192.168.1.20:3000,, ' });
    expect(c.WORKBENCH_PUBLIC_URL).toBe('https://workbench.example.org');
    expect(c.WORKBENCH_ALLOWED_HOSTS).toEqual(['wb.lan', '192.168.1.20:3000']);
    expect(loadConfig({}).WORKBENCH_ALLOWED_HOSTS).toEqual([]);
    expect(loadConfig({}).WORKBENCH_PUBLIC_URL).toBeUndefined();
  });
});
