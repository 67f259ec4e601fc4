// Host reports over HTTP in each accepted body, and the bad inputs the issue lists: each leaves the data as it was.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../helpers/databases.js';
import { fixture } from '../helpers/fixtures.js';
import { asState, replayHistory } from '../helpers/history.js';
import { createTestApp, type TestApp } from '../helpers/server.js';

const status = readFileSync(fixture('dpkg/status-debian12-sample'), 'utf8');
const installedCount = (status.match(/^Status: \S+ \S+ installed$/gm) ?? []).length;

describeEachDialect('host reports over HTTP', (dialect) => {
  let t: TestApp;
  let headers: Record<string, string>;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const admin = await t.steward.auth.findUser('admin');
    const { secret } = await t.steward.auth.createToken({ userId: admin.id, role: 'admin' }, 'agents', 'agent');
    headers = { authorization: `Bearer ${secret}` };
    await t.steward.inventory.addCustomer('Acme', null, ['acme-hostinfo']);
  });
  afterAll(async () => t?.cleanup());

  const post = (url: string, payload: string | object, contentType = 'application/json') =>
    t.app.inject({ method: 'POST', url, headers: { ...headers, 'content-type': contentType }, payload: typeof payload === 'string' ? payload : JSON.stringify(payload) });
  const hostCount = async () => (await t.steward.inventory.listHosts({ customerId: null }, {}, 'name', 'asc', { limit: 500, offset: 0 })).total;
  const snapshot = async () => JSON.stringify(await t.steward.inventory.listHosts({ customerId: null }, {}, 'name', 'asc', { limit: 500, offset: 0 }));

  it('accepts a raw dpkg status file with the identity in the query string', async () => {
    const res = await post('/api/v1/hosts/report?name=dpkg-host&osId=debian&osVersion=12&osCodename=bookworm&customer=acme-hostinfo', status, 'text/plain');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ created: true, run: { kind: 'initial', added: installedCount } });
    const host = await t.steward.inventory.getHost({ customerId: null }, res.json().hostId);
    expect(host).toMatchObject({ name: 'dpkg-host', osCodename: 'bookworm', customer: { name: 'Acme' }, packageCount: installedCount });
  });

  it('accepts osquery deb_packages rows (array and scheduled-query log line)', async () => {
    const rows = [
      { name: 'openssl', version: '3.0.11-1~deb12u2', source: '', arch: 'amd64', status: 'install ok installed' },
      { name: 'libssl3', version: '3.0.11-1~deb12u2', source: 'openssl', arch: 'amd64', status: 'install ok installed' },
      { name: 'telnet', version: '0.17+2.4-2', source: 'inetutils (2:2.4-2)', arch: 'amd64', status: 'deinstall ok config-files' },
    ];
    const res = await post('/api/v1/hosts/report?name=osq-host', rows);
    expect(res.statusCode, res.body).toBe(200);
    const pkgs = await t.steward.inventory.hostPackages({ customerId: null }, res.json().hostId, undefined, { limit: 50, offset: 0 });
    expect(pkgs.items.map((p) => [p.name, p.source, p.sourceVersion])).toEqual([
      ['libssl3', 'openssl', '3.0.11-1~deb12u2'],
      ['openssl', 'openssl', '3.0.11-1~deb12u2'],
    ]);
    const logLine = await post('/api/v1/hosts/report', { name: 'pack/deb', hostIdentifier: 'osq-host-2', snapshot: rows });
    expect(logLine.statusCode, logLine.body).toBe(200);
    expect((await t.steward.inventory.getHost({ customerId: null }, logLine.json().hostId)).name).toBe('osq-host-2');
  });

  it('rejects a dpkg status file with a truncated stanza, naming the line, and stores nothing', async () => {
    const before = await snapshot();
    const cut = status.slice(0, status.indexOf('\nVersion:', status.length / 2));
    const res = await post('/api/v1/hosts/report?name=truncated', cut, 'text/plain');
    expect(res.statusCode).toBe(422);
    expect(res.json().error.message).toMatch(/line \d+/);
    expect(await snapshot()).toBe(before);
  });

  it('rejects a report for an unknown customer alias (422) and stores nothing', async () => {
    const before = await hostCount();
    const res = await post('/api/v1/hosts/report', { host: { name: 'x1', customer: 'no-such-alias' }, packages: [] });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.message).toContain('no-such-alias');
    expect(await hostCount()).toBe(before);
  });

  it('rejects a 50 MB body with 413', async () => {
    const big = `{"host":{"name":"big"},"packages":[],"pad":"${'x'.repeat(50 * 1024 * 1024)}"}`;
    const res = await post('/api/v1/hosts/report', big);
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('payload_too_large');
  });

  it('rejects invalid JSON with 400 naming the position', async () => {
    const res = await post('/api/v1/hosts/report', '{"host": {"name": "j"},\n "packages": [}');
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'invalid_json', details: { line: 2 } });
    expect(res.json().error.message).toMatch(/line 2, column \d+ \(position \d+\)/);
  });

  it('rejects a duplicate package entry with different versions, naming the package', async () => {
    const before = await hostCount();
    const p = { name: 'openssl', version: '3.0.11-1', arch: 'amd64' };
    const res = await post('/api/v1/hosts/report', { host: { name: 'dup' }, packages: [p, { ...p, version: '3.0.13-1' }] });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.message).toContain('openssl');
    expect(await hostCount()).toBe(before);
  });

  it('accepts a report with no packages', async () => {
    const res = await post('/api/v1/hosts/report', { host: { name: 'empty-host' }, packages: [] });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ created: true, run: { added: 0 } });
  });

  it('rejects an unsupported content type with 415 and a field error with 422', async () => {
    expect((await post('/api/v1/hosts/report', '<xml/>', 'application/xml')).statusCode).toBe(415);
    const res = await post('/api/v1/hosts/report', { host: { name: 'f' }, packages: [{ name: 'x', version: '', arch: 'amd64' }] });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.message).toMatch(/packages\[0\]\.version/);
  });

  it('keeps concurrent reports from one host consistent', async () => {
    const base = { name: 'openssl', version: '3.0.11-1', source: 'openssl', sourceVersion: '3.0.11-1', arch: 'amd64' };
    const bodies = Array.from({ length: 6 }, (_, i) => ({
      host: { name: 'racer', machineId: 'race-mid' },
      packages: i % 2 ? [base, { ...base, name: 'libssl3' }] : [{ ...base, version: '3.0.13-1', sourceVersion: '3.0.13-1' }],
    }));
    const results = await Promise.all(bodies.map((b) => post('/api/v1/hosts/report', b)));
    expect(results.map((r) => r.statusCode)).toEqual([200, 200, 200, 200, 200, 200]);
    const hostIds = new Set(results.map((r) => r.json().hostId));
    expect(hostIds.size).toBe(1);
    const [hostId] = [...hostIds];
    const history = await t.steward.inventory.hostHistory({ customerId: null }, hostId, { limit: 50, offset: 0 });
    const pkgs = await t.steward.inventory.hostPackages({ customerId: null }, hostId, undefined, { limit: 50, offset: 0 });
    const first = bodies[results.findIndex((r) => r.json().run?.kind === 'initial')]!;
    expect(replayHistory(first.packages, history.items)).toEqual(asState(pkgs.items));
  });
});
