// Steward's own app version API: summaries with counts per version, records with filters, links to inventory
// hosts, history, the spread of versions over time, CSV, trimming, and the errors for bad queries.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../helpers/databases.js';
import { adminPassword, createTestApp, type TestApp } from '../helpers/server.js';
import type { ReceivedUpdate } from '../../src/inventory/apps/udp-messages.js';

const t0 = Date.parse('2026-11-30T00:00:00Z');
const hour = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();
const seen = (app: string, ver: string, host: string, at: number, instance = 0): ReceivedUpdate => ({
  appId: app.toLowerCase(),
  app,
  ver,
  host,
  instance,
  appData: null,
  hostIp: '192.0.2.7',
  at,
});

describeEachDialect('app versions API', (dialect) => {
  let t: TestApp;
  let cookie: string;
  let webHost: number;
  const get = async (url: string, status = 200) => {
    const res = await t.app.inject({ method: 'GET', url, headers: { cookie } });
    expect(res.statusCode, `${url}: ${res.body}`).toBe(status);
    return res;
  };
  const json = async (url: string) => (await get(url)).json();

  beforeAll(async () => {
    t = await createTestApp(dialect);
    cookie = await t.login('admin', adminPassword);
    webHost = (await t.steward.inventory.ingest({ host: { name: 'web-1', machineId: 'mid-web-1' }, packages: [] })).hostId;
    const collector = t.steward.apps.collector!;
    // Billing: 1.0 on web-1 (two instances), web-2 and db-1 from t0; web-2 and db-1 move to 2.0 at t0 + 90 min.
    // The db-1 record names its host by machine-id… of web-1, to test that link too.
    await collector.accept([seen('Billing', '1.0', 'web-1', t0), seen('Billing', '1.0', 'web-1', t0, 1), seen('Billing', '1.0', 'web-2', t0), seen('Billing', '1.0', 'mid-web-1', t0, 7)]);
    await collector.flush();
    await collector.accept([seen('Billing', '2.0', 'web-2', t0 + 1.5 * hour), seen('Billing', '2.0', 'mid-web-1', t0 + 1.5 * hour, 7)]);
    await collector.flush();
    await collector.accept([seen('Search', '=cmd|x', 'web-2', t0 + 2 * hour)]);
    await collector.flush();
  });
  afterAll(async () => t?.cleanup());

  it('summarises apps with distinct hosts and counts per version, most widespread first', async () => {
    const { items, total } = await json('/api/v1/apps');
    expect(total).toBe(2);
    expect(items[0]).toEqual({
      appId: 'billing',
      app: 'Billing',
      hostCount: 3,
      recordCount: 4,
      lastSeen: iso(t0 + 1.5 * hour),
      versions: [
        { ver: '2.0', hostCount: 2, recordCount: 2, lastSeen: iso(t0 + 1.5 * hour) },
        { ver: '1.0', hostCount: 1, recordCount: 2, lastSeen: iso(t0) },
      ],
    });
    expect((await json('/api/v1/apps?sort=lastSeen&order=desc&limit=1')).items.map((a: { appId: string }) => a.appId)).toEqual(['search']);
    expect((await json('/api/v1/apps?q=bill')).total).toBe(1);
    // The search is over app names: a host's name finds nothing, so totals and versions always agree.
    expect((await json('/api/v1/apps?q=web-2')).total).toBe(0);
    expect((await json(`/api/v1/apps?updatedSince=${iso(t0 + 1.75 * hour)}`)).items.map((a: { appId: string }) => a.appId)).toEqual(['search']);
    const recent = (await json(`/api/v1/apps?updatedSince=${encodeURIComponent('2026-11-30T02:15:00+02:00')}`)).items[0];
    expect(recent).toMatchObject({ appId: 'billing', hostCount: 2, recordCount: 2, versions: [{ ver: '2.0', hostCount: 2, recordCount: 2, lastSeen: iso(t0 + 1.5 * hour) }] });
    expect(await json('/api/v1/apps/billing')).toMatchObject({ hostCount: 3 });
    await get('/api/v1/apps/nonesuch', 404);
  });

  it('lists records with exact filters, changes since a time, sorting and paging', async () => {
    const all = await json('/api/v1/app-versions?appId=billing&sort=host&order=asc');
    expect(all.total).toBe(4);
    expect(all.items.map((r: { host: string; instance: number }) => `${r.host}#${r.instance}`)).toEqual(['mid-web-1#7', 'web-1#0', 'web-1#1', 'web-2#0']);
    expect((await json('/api/v1/app-versions?ver=2.0')).total).toBe(2);
    expect((await json('/api/v1/app-versions?host=web-1&instance=1')).items).toHaveLength(1);
    expect((await json(`/api/v1/app-versions?since=${iso(t0 + hour)}&appId=billing`)).items.map((r: { host: string }) => r.host).sort()).toEqual(['mid-web-1', 'web-2']);
    const paged = await json('/api/v1/app-versions?sort=lastSeen&order=desc&limit=2&offset=1');
    expect(paged).toMatchObject({ total: 5 });
    expect(paged.items).toHaveLength(2);
    expect((await json('/api/v1/app-versions?q=WEB-2')).total).toBe(2);
  });

  it('links records to inventory hosts by name and by machine-id', async () => {
    const { items } = await json('/api/v1/app-versions?appId=billing&sort=host');
    expect(items.map((r: { hostId: number | null }) => r.hostId)).toEqual([webHost, webHost, webHost, null]);
    const ofHost = await json(`/api/v1/hosts/${webHost}/apps`);
    expect(ofHost.items.map((r: { host: string; instance: number }) => `${r.host}#${r.instance}`).sort()).toEqual(['mid-web-1#7', 'web-1#0', 'web-1#1']);
    await get('/api/v1/hosts/999999/apps', 404);
    expect((await json('/api/v1/app-hosts?q=WEB-')).items.map((h: { host: string }) => h.host)).toEqual(['mid-web-1', 'web-1', 'web-2']);
    expect((await json('/api/v1/app-hosts?q=billing')).total).toBe(0);
    const hosts = await json('/api/v1/app-hosts?sort=appCount&order=desc');
    expect(hosts.items[0]).toEqual({ host: 'web-2', hostId: null, appCount: 2, recordCount: 2, lastSeen: iso(t0 + 2 * hour) });
    expect(hosts.items.find((h: { host: string }) => h.host === 'web-1')).toMatchObject({ hostId: webHost, appCount: 1, recordCount: 2 });
    const one = await json('/api/v1/app-hosts/web-2');
    expect(one.records.map((r: { appId: string }) => r.appId)).toEqual(['billing', 'search']);
    await get('/api/v1/app-hosts/nobody', 404);
  });

  it('exports CSV that a spreadsheet opens safely', async () => {
    const res = await get('/api/v1/app-versions?appId=search&format=csv');
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="app-versions.csv"/);
    const [header, row] = res.body.trim().split('\r\n');
    expect(header).toBe('app_id,app,ver,host,instance,host_ip,first_seen,last_seen,version_since,host_id,app_data');
    // A version that looks like a formula is kept as text.
    expect(row).toBe(`search,Search,'=cmd|x,web-2,0,192.0.2.7,${iso(t0 + 2 * hour)},${iso(t0 + 2 * hour)},${iso(t0 + 2 * hour)},,`);
    const apps = (await get('/api/v1/apps?format=csv')).body.trim().split('\r\n');
    expect(apps).toEqual(['app_id,app,ver,hosts,records,last_seen', `billing,Billing,2.0,2,2,${iso(t0 + 1.5 * hour)}`, `billing,Billing,1.0,1,2,${iso(t0)}`, `search,Search,'=cmd|x,1,1,${iso(t0 + 2 * hour)}`]);
  });

  it('shows how many hosts ran each version over time', async () => {
    const spread = await json(`/api/v1/apps/billing/spread?from=${iso(t0)}&to=${iso(t0 + 2 * hour)}&points=2`);
    expect(spread).toEqual({
      appId: 'billing',
      from: iso(t0),
      to: iso(t0 + 2 * hour),
      versions: ['1.0', '2.0'],
      points: [
        { at: iso(t0 + hour), hosts: { '1.0': 3 } },
        { at: iso(t0 + 2 * hour), hosts: { '1.0': 1, '2.0': 2 } },
      ],
    });
    const history = await json('/api/v1/app-history?appId=billing&host=web-2');
    expect(history.items.map((h: { ver: string; previousVer: string | null }) => [h.ver, h.previousVer])).toEqual([
      ['2.0', '1.0'],
      ['1.0', null],
    ]);
  });

  it('refuses bad queries with a message naming the field', async () => {
    for (const [url, field] of [
      ['/api/v1/app-versions?since=yesterday', 'since'],
      ['/api/v1/app-versions?instance=70000', 'instance'],
      ['/api/v1/app-versions?sort=colour', 'sort'],
      ['/api/v1/apps?limit=0', 'limit'],
      ['/api/v1/apps/billing/spread?points=0', 'points'],
    ] as const) {
      const res = await get(url, 400);
      expect(res.json().error.message, url).toContain(field);
    }
    const backwards = await get(`/api/v1/apps/billing/spread?from=${iso(t0 + hour)}&to=${iso(t0)}`, 422);
    expect(backwards.json().error.message).toMatch(/from: must be before to/);
  });

  it('trims records idle for the configured time from the live view, keeping their history', async () => {
    const dropped = await t.steward.apps.trim(hour, t0 + 2.25 * hour);
    expect(dropped).toBe(2); // the two 1.0 records on web-1, last seen at t0
    expect((await json('/api/v1/app-versions?appId=billing')).total).toBe(2);
    const after = await json(`/api/v1/apps/billing/spread?from=${iso(t0)}&to=${iso(t0 + 3 * hour)}&points=3`);
    expect(after.points.map((p: { hosts: Record<string, number> }) => p.hosts)).toEqual([{ '1.0': 3 }, { '1.0': 1, '2.0': 2 }, { '2.0': 2 }]);
  });
});
