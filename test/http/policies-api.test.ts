// Patching policies over HTTP: creating (201) and refusing (422, the field named), reading with upcoming windows,
// replacing, assigning, a host's policy with its next windows, removing (409 while assigned), and what a customer
// user may read.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../helpers/databases.js';
import { adminPassword, createTestApp, type TestApp } from '../helpers/server.js';

const nightly = {
  name: 'nightly',
  mode: 'automatic',
  timeZone: 'Europe/Zurich',
  patchWindow: { kind: 'daily', at: '02:00', minutes: 120 },
  rebootWindow: { kind: 'weekly', days: ['mon', 'thu'], at: '22:30', minutes: 90 },
  deadline: '2d',
};

describeEachDialect('policies API', (dialect) => {
  let t: TestApp;
  let admin: string;
  let alice: string;
  let ids: { alpha: number; beta: number; alphaHost: number; betaHost: number; nightly: number; betaOnly: number };
  const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object, cookie = admin) => t.app.inject({ method, url, payload, headers: { cookie } });

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const { inventory, auth } = t.steward;
    const alpha = await inventory.addCustomer('Alpha Ltd', null);
    const beta = await inventory.addCustomer('Beta Corp', null);
    const { importHosts } = await import('../../src/inventory/index.js');
    await importHosts(inventory.store, 'name,customer,tags\nalpha-web,Alpha Ltd,web\nbeta-db,Beta Corp,db\n');
    const hosts = (await inventory.listHosts({ customerId: null }, {}, 'name', 'asc', { limit: 10, offset: 0 })).items;
    await auth.addUser({ username: 'alice', password: 'alice password', role: 'customer', customerId: alpha.id });
    admin = await t.login('admin', adminPassword);
    alice = await t.login('alice', 'alice password');
    ids = { alpha: alpha.id, beta: beta.id, alphaHost: hosts.find((h) => h.name === 'alpha-web')!.id, betaHost: hosts.find((h) => h.name === 'beta-db')!.id, nightly: 0, betaOnly: 0 };
  });
  afterAll(async () => t?.cleanup());

  it('creates a policy (201) and lists it', async () => {
    const res = await call('POST', '/api/v1/policies', nightly);
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({ name: 'nightly', mode: 'automatic', timeZone: 'Europe/Zurich', installs: 'security', deadline: '2d', deadlineMs: 172_800_000, assignments: [] });
    ids.nightly = body.id;
    const beta = await call('POST', '/api/v1/policies', { name: 'beta-only', mode: 'manual', installs: 'all' });
    expect(beta.statusCode, beta.body).toBe(201);
    ids.betaOnly = beta.json().id;
    expect((await call('GET', '/api/v1/policies')).json().items.map((p: { name: string }) => p.name)).toEqual(['beta-only', 'nightly']);
  });

  it('refuses bad input with 422 and an error that names the field', async () => {
    const refused = async (body: object) => {
      const res = await call('POST', '/api/v1/policies', body);
      expect(res.statusCode, res.body).toBe(422);
      const { error } = res.json();
      expect(Object.keys(error).sort()).toEqual(['code', 'details', 'message']);
      expect(error.code).toBe('unprocessable');
      return [error.details.field, error.message];
    };
    expect(await refused({ ...nightly, name: 'x1', patchWindow: { kind: 'daily', at: '02:00', minutes: 0 } })).toEqual(['patchWindow.minutes', 'patchWindow.minutes: a window lasts 1 minute to 7 days (1..10080 minutes), got 0']);
    expect(await refused({ ...nightly, name: 'x2', rebootWindow: { kind: 'daily', at: '02:00', minutes: 7 * 1440 + 1 } })).toEqual(['rebootWindow.minutes', expect.stringMatching(/got 10081$/)]);
    expect(await refused({ ...nightly, name: 'x3', timeZone: 'Mars/Olympus' })).toEqual(['timeZone', 'timeZone: unknown time zone "Mars/Olympus": expected UTC or an IANA name like Europe/Zurich']);
    expect(await refused({ ...nightly, name: 'x4', patchWindow: { kind: 'cron', expression: '0 0 30 2 *', minutes: 60 } })).toEqual(['patchWindow.expression', 'patchWindow.expression: "0 0 30 2 *" never fires: a window must come at least once a year']);
    expect(await refused({ ...nightly, name: 'x5', patchWindow: { kind: 'cron', expression: '0 0 29 2 *', minutes: 60 } })).toEqual(['patchWindow.expression', expect.stringMatching(/fires too rarely/)]);
    expect(await refused({ ...nightly, name: 'x6', deadline: '31d' })).toEqual(['deadline', 'deadline: expected 0m to 30d, got "31d"']);
    expect(await refused({ ...nightly, name: 'x7', rebootWindow: null })).toEqual(['rebootWindow', 'rebootWindow: an automatic policy needs a reboot window']);
    // The shape is checked first (400, the field named), then the rules (422).
    const shape = await call('POST', '/api/v1/policies', { ...nightly, name: 'x8', mode: 'sometimes' });
    expect(shape.statusCode).toBe(400);
    expect(shape.json().error).toMatchObject({ code: 'bad_request', details: expect.arrayContaining([expect.objectContaining({ field: 'body.mode' })]) });
    const dup = await call('POST', '/api/v1/policies', nightly);
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error).toMatchObject({ code: 'conflict', message: 'a policy named nightly already exists' });
    expect((await call('GET', '/api/v1/policies')).json().items).toHaveLength(2);
  });

  it('reads a policy with its upcoming windows of each kind (`windows` of them)', async () => {
    const res = await call('GET', `/api/v1/policies/${ids.nightly}?windows=5`);
    expect(res.statusCode, res.body).toBe(200);
    const { upcoming } = res.json();
    expect(upcoming.patch).toHaveLength(5);
    expect(upcoming.reboot).toHaveLength(5);
    const now = Date.now();
    // The first may be in progress (it ends after now); they are in order, 2 h and 90 min long.
    expect(Date.parse(upcoming.patch[0].end)).toBeGreaterThan(now);
    expect(Date.parse(upcoming.patch[0].start)).toBeLessThan(now + 86_400_000);
    for (const [list, minutes] of [[upcoming.patch, 120], [upcoming.reboot, 90]] as const) {
      for (let i = 0; i < list.length; i++) {
        expect(Date.parse(list[i].end) - Date.parse(list[i].start)).toBe(minutes * 60_000);
        if (i > 0) expect(Date.parse(list[i].start)).toBeGreaterThan(Date.parse(list[i - 1].start));
      }
    }
    // 02:00 on Zurich's wall clock.
    const zurich = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Zurich', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    expect(new Set(upcoming.patch.map((w: { start: string }) => zurich.format(new Date(w.start))))).toEqual(new Set(['02:00']));
    expect((await call('GET', `/api/v1/policies/${ids.nightly}`)).json().upcoming.patch).toHaveLength(3);
    expect((await call('GET', '/api/v1/policies/9999')).statusCode).toBe(404);
    expect((await call('GET', `/api/v1/policies/${ids.nightly}?windows=51`)).statusCode).toBe(400);
  });

  it('assigns a policy to a customer and a tag, refusing a tag of another customer', async () => {
    const res = await call('POST', `/api/v1/policies/${ids.nightly}/assignments`, { customer: 'Alpha Ltd', tag: 'web' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().assignments).toEqual([{ customer: { id: ids.alpha, name: 'Alpha Ltd' }, tag: 'web' }]);
    expect((await call('POST', `/api/v1/policies/${ids.betaOnly}/assignments`, { customer: ids.beta })).statusCode).toBe(201);
    const foreign = await call('POST', `/api/v1/policies/${ids.nightly}/assignments`, { customer: ids.alpha, tag: 'db' });
    expect(foreign.statusCode).toBe(422);
    expect(foreign.json().error).toEqual({
      code: 'unprocessable',
      message: 'tag: customer Alpha Ltd has no tag "db": "db" is a tag of Beta Corp, and an assignment\'s tag must be its own customer\'s',
      details: { field: 'tag' },
    });
    const taken = await call('POST', `/api/v1/policies/${ids.nightly}/assignments`, { customer: 'Beta Corp' });
    expect(taken.statusCode).toBe(409);
  });

  it("gives a host's policy, through which assignment, and its next windows", async () => {
    const res = await call('GET', `/api/v1/hosts/${ids.alphaHost}/policy`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ policy: { id: ids.nightly, name: 'nightly' }, via: { customer: { id: ids.alpha, name: 'Alpha Ltd' }, tag: 'web' } });
    expect(Date.parse(body.nextPatchWindow.end)).toBeGreaterThan(Date.now());
    expect(Date.parse(body.nextPatchWindow.end) - Date.parse(body.nextPatchWindow.start)).toBe(120 * 60_000);
    expect(Date.parse(body.nextRebootWindow.end) - Date.parse(body.nextRebootWindow.start)).toBe(90 * 60_000);
    expect((await call('GET', `/api/v1/hosts/${ids.betaHost}/policy`)).json()).toMatchObject({ policy: { name: 'beta-only', mode: 'manual' }, nextPatchWindow: null, nextRebootWindow: null });
    expect((await call('GET', '/api/v1/hosts/9999/policy')).statusCode).toBe(404);
  });

  it("lets a customer user read only its own policies and hosts' policy, and write nothing", async () => {
    const list = (await call('GET', '/api/v1/policies', undefined, alice)).json();
    expect(list.items.map((p: { name: string }) => p.name)).toEqual(['nightly']);
    expect((await call('GET', `/api/v1/policies/${ids.nightly}`, undefined, alice)).statusCode).toBe(200);
    const other = await call('GET', `/api/v1/policies/${ids.betaOnly}`, undefined, alice);
    expect(other.statusCode).toBe(404);
    expect(other.json().error.code).toBe('not_found');
    expect(other.body).not.toContain('Beta Corp');
    expect((await call('GET', `/api/v1/hosts/${ids.alphaHost}/policy`, undefined, alice)).json().policy.name).toBe('nightly');
    expect((await call('GET', `/api/v1/hosts/${ids.betaHost}/policy`, undefined, alice)).statusCode).toBe(404);
    expect((await call('POST', '/api/v1/policies', { name: 'mine', mode: 'manual' }, alice)).statusCode).toBe(403);
    expect((await call('DELETE', `/api/v1/policies/${ids.betaOnly}`, undefined, alice)).statusCode).toBe(403);
    expect((await call('POST', `/api/v1/policies/${ids.nightly}/assignments`, { customer: ids.alpha }, alice)).statusCode).toBe(403);
  });

  it('replaces a definition (the assignments stay) and removes a policy only once unassigned', async () => {
    const put = await call('PUT', `/api/v1/policies/${ids.nightly}`, { ...nightly, timeZone: 'America/New_York', installs: 'all', deadline: '0' });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toMatchObject({ timeZone: 'America/New_York', installs: 'all', deadline: '0m', assignments: [{ tag: 'web' }] });
    const badPut = await call('PUT', `/api/v1/policies/${ids.nightly}`, { ...nightly, timeZone: '+01:00' });
    expect(badPut.statusCode).toBe(422);
    expect(badPut.json().error.details).toEqual({ field: 'timeZone' });
    const blocked = await call('DELETE', `/api/v1/policies/${ids.nightly}`);
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json().error.message).toBe('policy nightly is still assigned to customer Alpha Ltd tag web: unassign it first');
    expect((await call('DELETE', `/api/v1/policies/${ids.nightly}/assignments`, { customer: 'Alpha Ltd' })).statusCode).toBe(404);
    expect((await call('DELETE', `/api/v1/policies/${ids.nightly}/assignments`, { customer: 'Alpha Ltd', tag: 'web' })).statusCode).toBe(204);
    expect((await call('GET', `/api/v1/hosts/${ids.alphaHost}/policy`)).json()).toEqual({ policy: null, via: null, nextPatchWindow: null, nextRebootWindow: null });
    expect((await call('DELETE', `/api/v1/policies/${ids.nightly}`)).statusCode).toBe(204);
    expect((await call('GET', `/api/v1/policies/${ids.nightly}`)).statusCode).toBe(404);
  });
});
