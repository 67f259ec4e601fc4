import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

const file = (text: string) => {
  const path = join(mkdtempSync(join(tmpdir(), 'steward-config-')), 'steward.yaml');
  writeFileSync(path, text);
  return path;
};

describe('loadConfig', () => {
  it('defaults to the embedded database in ./data on 127.0.0.1:8080', () => {
    const c = loadConfig({}, {});
    expect(c).toMatchObject({ host: '127.0.0.1', port: 8080, dataDir: resolve('data'), databaseUrl: resolve('data/steward.db'), roles: ['api', 'worker'] });
    expect(c.absentAfterMs).toBe(7 * 86_400_000);
  });

  it('layers file < environment < flags', () => {
    const path = file('port: 9000\nlogLevel: debug\ndataDir: /srv/steward\ninventory:\n  absentAfter: 3d\n');
    const fromFile = loadConfig({}, {}, path);
    expect(fromFile).toMatchObject({ port: 9000, logLevel: 'debug', dataDir: '/srv/steward', databaseUrl: '/srv/steward/steward.db', absentAfterMs: 3 * 86_400_000 });
    const fromEnv = loadConfig({}, { STEWARD_PORT: '9100', STEWARD_DATABASE_URL: 'postgres://db/steward' }, path);
    expect(fromEnv).toMatchObject({ port: 9100, databaseUrl: 'postgres://db/steward', logLevel: 'debug' });
    expect(loadConfig({ port: 0 }, { STEWARD_PORT: '9100' }, path).port).toBe(0);
  });

  it.each([
    ['prot: 80\n', /unknown setting "prot"/],
    ['port: 70000\n', /port: expected a port/],
    ['roles: [api, cooking]\n', /unknown role "cooking"/],
    ['inventory:\n  absentAfter: soon\n', /inventory\.absentAfter: expected a duration/],
    ['port: [\n', /steward\.yaml/],
    ['- a list\n', /expected a mapping/],
  ])('rejects %j with a clear message', (text, message) => {
    expect(() => loadConfig({}, {}, file(text))).toThrow(message);
  });

  it('fails on a config file that does not exist', () => {
    expect(() => loadConfig({}, {}, '/nonexistent/steward.yaml')).toThrow(/does not exist/);
  });
});
