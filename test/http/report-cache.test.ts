// The reports are served from a cache (core/http/answer-cache.ts) until something they show changes: every kind of
// write must reach them at once — a mark added or removed, a host report that contradicts a mark or fixes a flaw, a
// new host, a policy and its assignment, tags from a host import, a rating — through the API, on both databases;
// and a report that repeats what is known must not.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../helpers/databases.js';
import { adminPassword, createTestApp, type TestApp } from '../helpers/server.js';

const list = `[02 Jun 2023] DSA-5417-1 openssl - security update
\t{CVE-2023-0464}
\t[bookworm] - openssl 3.0.9-1
`;

describeEachDialect('reports served from the cache', (dialect) => {
  let t: TestApp;
  let cookie: string;
  let hostId: number;
  let acme: number;
  const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: string | object, headers: Record<string, string> = {}) =>
    t.app.inject({ method, url, payload, headers: { cookie, ...headers } });
  const report = async () => (await call('GET', '/api/v1/advisories/DSA-5417-1/report')).json();
  const host = async () => (await report()).customers[0].policies[0].hosts[0];
  const customerReport = async () => (await call('GET', `/api/v1/customers/${acme}/report`)).json();
  const reportWeb1 = async (version: string) => {
    await t.steward.inventory.ingest({ host: { name: 'web-1', customer: 'Acme', osCodename: 'bookworm' }, packages: [{ name: 'openssl', version, arch: 'amd64', source: 'openssl', sourceVersion: version }] });
    await t.steward.advisories.settle();
  };

  beforeAll(async () => {
    t = await createTestApp(dialect);
    cookie = await t.login('admin', adminPassword);
    acme = (await t.steward.inventory.addCustomer('Acme', null)).id;
    await reportWeb1('3.0.8-1');
    hostId = (await t.steward.inventory.listHosts({ customerId: null }, {}, 'name', 'asc', { limit: 1, offset: 0 })).items[0]!.id;
    expect((await call('POST', '/api/v1/advisories/import', list, { 'content-type': 'text/plain' })).statusCode).toBe(200);
  });
  afterAll(async () => t?.cleanup());

  it('shows every change at once, and the same answer while nothing changed', async () => {
    const first = await call('GET', '/api/v1/advisories/DSA-5417-1/report');
    expect(first.headers['content-type']).toMatch(/^application\/json/);
    expect(first.json()).toMatchObject({ affectedNow: 1, open: 1 });
    expect((await call('GET', '/api/v1/advisories/DSA-5417-1/report')).body).toBe(first.body);
    expect((await customerReport()).totals).toMatchObject({ open: 1 });

    const marked = await call('POST', '/api/v1/remediation/marks', { advisory: 'DSA-5417-1', state: 'patched', justification: 'upgraded by hand', hosts: [hostId] });
    expect(marked.statusCode).toBe(201);
    expect(await host()).toMatchObject({ status: 'patched', provisional: true });
    expect((await customerReport()).totals).toMatchObject({ open: 0, patched: 1 });

    await reportWeb1('3.0.8-1'); // a report after the mark, still vulnerable
    expect(await host()).toMatchObject({ status: 'patched', contradiction: true });

    const policy = await call('POST', '/api/v1/policies', { name: 'nightly', mode: 'automatic', patchWindow: { kind: 'daily', at: '02:00', minutes: 120 }, rebootWindow: { kind: 'daily', at: '04:00', minutes: 30 } });
    expect((await call('POST', `/api/v1/policies/${policy.json().id}/assignments`, { customer: acme })).statusCode).toBe(201);
    expect((await host()).policy).toMatchObject({ name: 'nightly' });
    expect((await customerReport()).schedule).toMatchObject([{ policy: { name: 'nightly' }, hosts: [{ name: 'web-1' }] }]);

    expect((await call('DELETE', `/api/v1/remediation/marks/${marked.json().items[0].id}`)).statusCode).toBe(200);
    expect(await host()).toMatchObject({ status: 'awaiting-window' });

    expect((await call('POST', '/api/v1/hosts/import', 'name,customer,tags\nweb-1,Acme,web\n', { 'content-type': 'text/csv' })).statusCode).toBe(200);
    expect((await host()).tags).toEqual(['web']);

    expect((await call('PUT', '/api/v1/advisories/DSA-5417-1/rating', { rating: 'critical' })).statusCode).toBe(204);
    expect((await report()).advisory.localRating).toMatchObject({ rating: 'critical' });

    await reportWeb1('3.0.9-1'); // the fix
    expect(await report()).toMatchObject({ affectedNow: 0, remediated: 1, patched: 1 });
    expect((await customerReport()).done).toMatchObject([{ what: 'fixed', host: { name: 'web-1' } }]);

    // A report that repeats what is known leaves the answers standing (built at the same instant); a new host does not.
    const before = await customerReport();
    await reportWeb1('3.0.9-1');
    expect((await customerReport()).generatedAt).toBe(before.generatedAt);
    await t.steward.inventory.ingest({ host: { name: 'web-2', customer: 'Acme', osCodename: 'bookworm' }, packages: [] });
    expect(await customerReport()).toMatchObject({ hosts: 2 });
  });
});
