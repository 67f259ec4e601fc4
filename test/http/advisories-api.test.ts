// The advisory API end to end: a feed posted as the body, the list and its search, an advisory's page and report
// (JSON and CSV), local ratings, hosts at risk, a host's exposures with the fix command, and refused feeds.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../helpers/databases.js';
import { adminPassword, createTestApp, type TestApp } from '../helpers/server.js';

// A DSA list in the real format: openssl fixed in bookworm, an unfixed one, and one the host has not.
const list = `[02 Jun 2023] DSA-5417-1 openssl - security update
\t{CVE-2023-0464 CVE-2023-0465}
\t[bookworm] - openssl 3.0.9-1
[01 Jun 2023] DSA-5416-1 curl - security update
\t{CVE-2023-28321}
\t[bookworm] - curl <unfixed>
[31 May 2023] DSA-5415-1 nginx - security update
\t{CVE-2023-12345}
\t[bookworm] - nginx 1.22.1-9+deb12u1
`;

describeEachDialect('advisories API', (dialect) => {
  let t: TestApp;
  let cookie: string;
  let hostId: number;
  const call = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: string | object, headers: Record<string, string> = {}) =>
    t.app.inject({ method, url, payload, headers: { cookie, ...headers } });

  beforeAll(async () => {
    t = await createTestApp(dialect);
    cookie = await t.login('admin', adminPassword);
    const pkg = (name: string, version: string, source = name) => ({ name, version, arch: 'amd64', source, sourceVersion: version });
    hostId = (await t.steward.inventory.ingest({ host: { name: 'web-1', osCodename: 'bookworm' }, packages: [pkg('libssl3', '3.0.8-1', 'openssl'), pkg('openssl', '3.0.8-1'), pkg('curl', '7.88.1-10')] })).hostId;
    await t.steward.advisories.settle();
  });
  afterAll(async () => t?.cleanup());

  it('imports a feed sent as the body, all or nothing, and finds its format itself', async () => {
    const res = await call('POST', '/api/v1/advisories/import', list, { 'content-type': 'text/plain' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ advisories: 3, created: 3, hosts: 1, opened: 3 });
    const bad = await call('POST', '/api/v1/advisories/import?format=dsa-list', `${list}\t[bookworm] - zlib <frobbed>\n`, { 'content-type': 'text/plain' });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.message).toMatch(/line 10: .*frobbed/);
    const unknown = await call('POST', '/api/v1/advisories/import', 'not a feed', { 'content-type': 'text/plain' });
    expect(unknown.statusCode).toBe(422);
    expect((await call('GET', '/api/v1/advisories')).json().total).toBe(3);
  });

  it('searches advisories by id, CVE, package and text', async () => {
    const ids = async (q: string) => (await call('GET', `/api/v1/advisories?q=${encodeURIComponent(q)}`)).json().items.map((a: { id: string }) => a.id);
    expect(await ids('DSA-5417')).toEqual(['DSA-5417-1']);
    expect(await ids('cve-2023-28321')).toEqual(['DSA-5416-1']);
    expect(await ids('nginx')).toEqual(['DSA-5415-1']);
    expect(await ids('security update')).toHaveLength(3);
    // Each entry says what it covers.
    const listed = (await call('GET', '/api/v1/advisories?q=DSA-5417-1')).json().items[0];
    expect(listed.covers).toEqual({ releases: ['bookworm'], packages: ['openssl'] });
    expect((await call('GET', '/api/v1/advisories?affecting=true')).json().items.map((a: { id: string }) => a.id)).toEqual(['DSA-5417-1', 'DSA-5416-1']);
  });

  it('shows an advisory with the packages it covers and its report, in JSON and CSV', async () => {
    const detail = (await call('GET', '/api/v1/advisories/DSA-5416-1')).json();
    expect(detail).toMatchObject({ id: 'DSA-5416-1', cves: ['CVE-2023-28321'], issued: '2023-06-01', packages: [{ release: 'bookworm', kind: 'source', name: 'curl', fixedVersion: null, state: 'unfixed' }] });
    const report = (await call('GET', '/api/v1/advisories/DSA-5417-1/report')).json();
    expect(report).toMatchObject({ affectedNow: 1, everAffected: 1, remediated: 0, portionRemediated: 0 });
    expect(report.customers[0].policies[0].hosts[0].packages.map((p: { package: string }) => p.package).sort()).toEqual(['libssl3', 'openssl']);
    const csv = await call('GET', '/api/v1/advisories/DSA-5417-1/report?format=csv');
    expect(csv.body.trim().split('\r\n')).toEqual(['host,customer,release,tags,policy,status,awaiting_until,packages', 'web-1,,bookworm,,,open,,libssl3 3.0.8-1|openssl 3.0.8-1']);
    expect((await call('GET', '/api/v1/advisories/DSA-0000-1')).statusCode).toBe(404);
  });

  it('keeps a local rating with who set it, and refuses an unknown one', async () => {
    expect((await call('PUT', '/api/v1/advisories/DSA-5416-1/rating', { rating: 'critical' })).statusCode).toBe(204);
    expect((await call('GET', '/api/v1/advisories/DSA-5416-1')).json().localRating).toMatchObject({ rating: 'critical', by: 'admin' });
    const bad = await call('PUT', '/api/v1/advisories/DSA-5416-1/rating', { rating: 'spicy' });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.message).toMatch(/rating: expected one of negligible, low, medium, high, critical/);
  });

  it('lists hosts at risk, and a host exposures with the command that fixes what can be fixed', async () => {
    expect((await call('GET', '/api/v1/exposure/hosts')).json().items).toEqual([
      expect.objectContaining({ host: expect.objectContaining({ name: 'web-1' }), advisories: 2, unfixed: 1, fixAvailable: 1, worst: 'critical' }),
    ]);
    const exposures = (await call('GET', `/api/v1/hosts/${hostId}/exposures`)).json();
    expect(exposures.fixCommand).toBe('apt-get install --only-upgrade libssl3 openssl');
    expect(exposures.exposures.map((e: { advisory: string; package: string }) => `${e.advisory} ${e.package}`)).toEqual(['DSA-5416-1 curl', 'DSA-5417-1 libssl3', 'DSA-5417-1 openssl']);
    const csv = (await call('GET', `/api/v1/hosts/${hostId}/exposures?format=csv`)).body.trim().split('\r\n');
    expect(csv[0]).toBe('advisory,package,arch,installed_version,fixed_version,state,kernel_not_running,opened_at');
    expect(csv.slice(1).map((l) => l.split(',').slice(0, 6).join(','))).toEqual(['DSA-5416-1,curl,amd64,7.88.1-10,,unfixed', 'DSA-5417-1,libssl3,amd64,3.0.8-1,3.0.9-1,fixed-available', 'DSA-5417-1,openssl,amd64,3.0.8-1,3.0.9-1,fixed-available']);
  });

  it('closes the exposures once the host reports the fixed version', async () => {
    const pkg = (name: string, version: string, source = name) => ({ name, version, arch: 'amd64', source, sourceVersion: version });
    await t.steward.inventory.ingest({ host: { name: 'web-1', osCodename: 'bookworm' }, packages: [pkg('libssl3', '3.0.9-1', 'openssl'), pkg('openssl', '3.0.9-1'), pkg('curl', '7.88.1-10')] });
    await t.steward.advisories.settle();
    const report = (await call('GET', '/api/v1/advisories/DSA-5417-1/report')).json();
    expect(report).toMatchObject({ affectedNow: 0, everAffected: 1, remediated: 1, portionRemediated: 1 });
    expect((await call('GET', `/api/v1/hosts/${hostId}/exposures`)).json().fixCommand).toBeNull();
  });
});
