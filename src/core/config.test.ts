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
    expect(c).toMatchObject({ host: '127.0.0.1', port: 8080, dataDir: resolve('data'), databaseUrl: resolve('data/steward.db'), roles: ['api', 'worker', 'udp'] });
    expect(c.absentAfterMs).toBe(7 * 86_400_000);
    expect(c.partisci).toMatchObject({ port: 7777, host: '127.0.0.1', auth: 'none', danger: false, reverseLookup: false, trimAfterMs: 7 * 86_400_000, flushMs: 1000 });
  });

  it('reads the app version (Partisci) settings from the file, the environment and flags', () => {
    const path = file('partisci:\n  port: 7001\n  auth: required\n  hmacKeys:\n    fleet: a-secret-of-16-chars\n  trimAfter: off\n  flushInterval: 250ms\n');
    const c = loadConfig({}, {}, path);
    expect(c.partisci).toMatchObject({ port: 7001, auth: 'required', trimAfterMs: 0, flushMs: 250 });
    expect([...c.partisci.hmacKeys]).toEqual([['fleet', 'a-secret-of-16-chars']]);
    const env = loadConfig({ partisciPort: 0, partisciDanger: true }, { STEWARD_PARTISCI_HMAC_KEYS: 'a:0123456789abcdef,b:fedcba9876543210', STEWARD_PARTISCI_REVERSE_LOOKUP: 'true' }, path);
    expect(env.partisci).toMatchObject({ port: 0, danger: true, reverseLookup: true });
    expect([...env.partisci.hmacKeys.keys()]).toEqual(['a', 'b']);
  });

  it.each([
    [{ STEWARD_PARTISCI_AUTH: 'maybe' }, /partisci\.auth: expected one of none, required/],
    [{ STEWARD_PARTISCI_HMAC_KEYS: 'nocolon' }, /expected id:secret pairs/],
    [{ STEWARD_PARTISCI_HMAC_KEYS: 'k:short' }, /at least 16 characters/],
    [{ STEWARD_PARTISCI_PORT: '99999' }, /partisci\.port: expected a port/],
    [{ STEWARD_PARTISCI_REVERSE_LOOKUP: 'yes' }, /partisci\.reverseLookup: expected true or false/],
    [{ STEWARD_PARTISCI_TRIM_AFTER: 'weekly' }, /partisci\.trimAfter: expected a duration/],
  ])('rejects the app version setting %j', (env, message) => {
    expect(() => loadConfig({}, env)).toThrow(message);
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
