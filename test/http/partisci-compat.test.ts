// The Partisci REST API as its clients use it (paths, envelopes, status codes, unix seconds), with the defects of
// the original fixed: distinct host/app counts, summaries that move on every update, no client-set host_ip or
// last_update, tuple keys. Modelled on Partisci's own REST tests (test/restapi_test.py in briandorsey/partisci).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { describeEachDialect } from '../helpers/databases.js';
import { adminPassword, createTestApp, type TestApp } from '../helpers/server.js';
import { loadConfig } from '../../src/core/config.js';
import { signUpdate } from '../../src/inventory/apps/signature.js';

const update = (app: TestApp, body: unknown, headers: Record<string, string> = {}) =>
  app.app.inject({ method: 'POST', url: '/api/v1/update/', payload: typeof body === 'string' ? body : JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } });

describeEachDialect('Partisci-compatible API', (dialect) => {
  let t: TestApp;
  let cookie: string;
  const get = async (url: string) => {
    const res = await t.app.inject({ method: 'GET', url, headers: { cookie } });
    expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
    return res.json() as { data: Record<string, unknown>[] };
  };

  beforeAll(async () => {
    t = await createTestApp(dialect, { partisci: { ...loadConfig({}, {}).partisci, danger: true } });
    cookie = await t.login('admin', adminPassword);
  });
  afterAll(async () => t?.cleanup());
  beforeEach(async () => {
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/_danger/clear/' })).statusCode).toBe(200);
  });

  it('takes an update with 200 and an empty body, whatever the content type', async () => {
    const res = await update(t, { app: 'Demo App', ver: '1.0', host: 'web-1', instance: 0 });
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe('');
    for (const type of ['text/plain', 'application/x-www-form-urlencoded']) {
      const r = await update(t, { app: 'Demo App', ver: '1.0', host: 'web-2' }, { 'content-type': type });
      expect(r.statusCode, type).toBe(200);
    }
    const bare = await t.app.inject({ method: 'POST', url: '/api/v1/update/', payload: Buffer.from('{"app":"Demo App","ver":"1.0","host":"web-3"}') });
    expect(bare.statusCode).toBe(200);
    expect((await get('/api/v1/version/')).data.map((r) => r.host).sort()).toEqual(['web-1', 'web-2', 'web-3']);
  });

  it.each([
    ['no JSON', 'hello'],
    ['no app', { ver: '1.0' }],
    ['no version', { app: 'a' }],
    ['an empty app', { app: '', ver: '1.0' }],
    ['an empty version', { app: 'a', ver: '' }],
    ['a negative instance', { app: 'a', ver: '1', instance: -1 }],
    ['trailing junk', '{"app":"a","ver":"1"}junk'],
  ])('answers 415 with a Partisci error for an update with %s, and stores nothing', async (_name, body) => {
    const res = await update(t, body);
    expect(res.statusCode).toBe(415);
    expect(res.json()).toEqual({ error: expect.stringMatching(/^ERROR: ApiUpdate: /) });
    expect((await get('/api/v1/version/')).data).toEqual([]);
  });

  it('takes a signed update too, so clients can sign before the server requires it', async () => {
    const res = await update(t, signUpdate({ app: 'early signer', ver: '1', host: 'h' }, { id: 'k', secret: 'a secret no server here knows' }));
    expect(res.statusCode).toBe(200);
    expect((await get('/api/v1/version/?app_id=early_signer')).data).toHaveLength(1);
  });

  it('answers 405 to another method on update/, and 404 without the trailing slash', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/update/' });
    expect(res.statusCode).toBe(405);
    expect(res.json()).toEqual({ error: 'ERROR: ApiUpdate: only accepts POST requests' });
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/app', headers: { cookie } })).statusCode).toBe(404);
  });

  it('answers empty lists as []', async () => {
    for (const path of ['app/', 'host/', 'version/']) expect(await get(`/api/v1/${path}`)).toEqual({ data: [] });
  });

  it('keeps one record per (app_id, host, instance) and counts distinct hosts and apps', async () => {
    // Four instances of one app on one host: four records, one app, one host (Partisci's test_update_instances).
    for (const instance of [0, 1, 2, 3]) expect((await update(t, { app: 'Demo App', ver: '1.0', host: 'web-1', instance })).statusCode).toBe(200);
    await update(t, { app: 'Demo App', ver: '1.1', host: 'web-2' });
    await update(t, { app: 'Other', ver: '7', host: 'web-1' });
    const versions = await get('/api/v1/version/?app_id=demo_app');
    expect(versions.data).toHaveLength(5);
    expect(versions.data[0]).toEqual({ app_id: 'demo_app', app: 'Demo App', ver: expect.any(String), host: expect.any(String), instance: expect.any(Number), host_ip: '127.0.0.1', last_update: expect.any(Number) });
    const apps = await get('/api/v1/app/');
    // Partisci counted records (5 here); hosts are what the name says.
    expect(apps.data.find((a) => a.app_id === 'demo_app')).toMatchObject({ app: 'Demo App', host_count: 2 });
    const hosts = await get('/api/v1/host/');
    expect(hosts.data.find((h) => h.host === 'web-1')).toMatchObject({ app_count: 2 });
  });

  it('keeps tuples apart that a concatenated key would merge', async () => {
    await update(t, { app: 'a', ver: '1', host: 'b1', instance: 0 });
    await update(t, { app: 'ab', ver: '2', host: '1', instance: 0 });
    await update(t, { app: 'a', ver: '3', host: '1', instance: 10 });
    expect((await get('/api/v1/version/')).data).toHaveLength(3);
  });

  it('filters versions exactly, ANDed; an empty filter matches all', async () => {
    await update(t, { app: 'Demo', ver: '1.0', host: 'web-1' });
    await update(t, { app: 'Demo', ver: '1.1', host: 'web-2' });
    await update(t, { app: 'Other', ver: '1.0', host: 'web-1' });
    expect((await get('/api/v1/version/?app_id=demo&ver=1.0')).data.map((r) => r.host)).toEqual(['web-1']);
    expect((await get('/api/v1/version/?host=web-1&ver=1.0')).data).toHaveLength(2);
    expect((await get('/api/v1/version/?app_id=demo&host=')).data).toHaveLength(2);
    expect((await get('/api/v1/version/?host=web')).data).toEqual([]);
    expect((await get('/api/v1/version/?app_id=')).data).toHaveLength(3);
  });

  it('takes host_ip from the connection and last_update from the clock, never from the client', async () => {
    const before = Math.floor(Date.now() / 1000);
    await update(t, { app: 'a', ver: '1', host: 'h', host_ip: '10.66.66.66', last_update: 1 });
    const [r] = (await get('/api/v1/version/')).data;
    expect(r).toMatchObject({ host_ip: '127.0.0.1' });
    expect(r!.last_update as number).toBeGreaterThanOrEqual(before);
  });

  it("moves a summary's last_update with every update, not only when a record appears", async () => {
    await update(t, { app: 'a', ver: '1', host: 'h' });
    const first = (await get('/api/v1/app/')).data[0]!.last_update as number;
    await t.steward.apps.store.k.updateTable('app_records').set({ last_seen: new Date((first - 100) * 1000).toISOString() }).execute();
    await update(t, { app: 'a', ver: '1', host: 'h' });
    expect((await get('/api/v1/app/')).data[0]!.last_update).toBeGreaterThanOrEqual(first);
    expect((await get('/api/v1/host/')).data[0]!.last_update).toBeGreaterThanOrEqual(first);
  });

  it('answers /debug/vars with the version and the update counters', async () => {
    await update(t, { app: 'a', ver: '1' });
    await update(t, 'garbage');
    const res = await t.app.inject({ method: 'GET', url: '/debug/vars' });
    const vars = res.json();
    expect(vars.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(vars.partisci.accepted).toBeGreaterThanOrEqual(1);
    expect(vars.partisci.rejectedBy.invalid_json).toBeGreaterThanOrEqual(1);
  });

  it('empties the live view on _danger/clear/ and keeps the history', async () => {
    await update(t, { app: 'Cleared', ver: '1', host: 'h' });
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/_danger/clear/' })).statusCode).toBe(200);
    expect((await get('/api/v1/version/')).data).toEqual([]);
    const history = await t.app.inject({ method: 'GET', url: '/api/v1/app-history?appId=cleared', headers: { cookie } });
    expect(history.json().items.map((h: { kind: string }) => h.kind)).toEqual(['gone', 'seen']);
  });

  it('needs a login or token to read', async () => {
    for (const path of ['app/', 'host/', 'version/']) {
      const res = await t.app.inject({ method: 'GET', url: `/api/v1/${path}` });
      expect(res.statusCode).toBe(401);
      expect(res.json()).toEqual({ error: expect.stringMatching(/sign in/) });
    }
  });
});

describe('Partisci updates on a server that requires authentication', () => {
  let t: TestApp;
  const key = { id: 'fleet', secret: 'the fleet signing secret' };

  beforeAll(async () => {
    t = await createTestApp('sqlite', { partisci: { ...loadConfig({}, {}).partisci, auth: 'required', hmacKeys: new Map([[key.id, key.secret]]) } });
  });
  afterAll(async () => t?.cleanup());

  it('refuses an anonymous unsigned update with 401', async () => {
    const res = await update(t, { app: 'a', ver: '1' });
    expect(res.statusCode).toBe(401);
    expect(res.json().error).toMatch(/unsigned update/);
  });

  it('takes an update signed with a configured key, or sent with an agent token', async () => {
    expect((await update(t, signUpdate({ app: 'signed', ver: '1', host: 'h' }, key))).statusCode).toBe(200);
    const admin = await t.steward.auth.findUser('admin');
    const { secret } = await t.steward.auth.createToken({ userId: admin.id, role: 'admin' }, 'apps', 'agent');
    expect((await update(t, { app: 'tokened', ver: '1', host: 'h' }, { authorization: `Bearer ${secret}` })).statusCode).toBe(200);
    expect((await update(t, signUpdate({ app: 'both', ver: '1', host: 'h' }, key), { authorization: `Bearer ${secret}` })).statusCode).toBe(200);
    const { items } = await t.steward.apps.records({ customerId: null }, {}, 'app', 'asc', null);
    expect(items.map((r) => r.appId)).toEqual(['both', 'signed', 'tokened']);
  });

  it('refuses a signature made with another secret, and a bad token', async () => {
    expect((await update(t, signUpdate({ app: 'a', ver: '1' }, { id: key.id, secret: 'some other secret value' }))).statusCode).toBe(401);
    expect((await update(t, { app: 'a', ver: '1' }, { authorization: 'Bearer stw_wrong' })).statusCode).toBe(401);
  });

  it('has no clear route without the danger flag', async () => {
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/_danger/clear/' })).statusCode).toBe(404);
  });
});
