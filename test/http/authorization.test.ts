// Walks every registered route: anonymous callers get 401, customer users can write nothing and read nothing of
// another customer — by id, by filter or by listing.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../helpers/databases.js';
import { adminPassword, createTestApp, type TestApp } from '../helpers/server.js';

// What Alpha's user must never see: Beta's host, names and tag, an app only Beta runs, and an app version record that
// links to no host at all (staff only).
const secretOfBeta = ['beta-secret-host', 'Beta Corp', 'beta-machine-id-0001', 'beta-only-tag', 'beta_only_app', 'orphan-box', 'beta-exposed-db', 'beta firewall rule', 'beta-night-policy'];

describeEachDialect('route authorization', (dialect) => {
  let t: TestApp;
  let alphaCookie: string;
  let ids: { alphaHost: number; betaHost: number; alpha: number; beta: number };

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const { inventory, auth } = t.steward;
    const alpha = await inventory.addCustomer('Alpha Ltd', null);
    const beta = await inventory.addCustomer('Beta Corp', 'beta@example.com', ['beta-legacy']);
    const pkg = { name: 'openssl', version: '3.0.11-1', source: 'openssl', sourceVersion: '3.0.11-1', arch: 'amd64' };
    const a = await inventory.ingest({ host: { name: 'alpha-web', customer: 'Alpha Ltd', osCodename: 'bookworm' }, packages: [pkg] });
    const b = await inventory.ingest({
      host: { name: 'beta-secret-host', customer: 'Beta Corp', machineId: 'beta-machine-id-0001', osCodename: 'jammy' },
      packages: [pkg],
    });
    await inventory.ingest({ host: { name: 'beta-secret-host', machineId: 'beta-machine-id-0001' }, packages: [] });
    const { importHosts } = await import('../../src/inventory/index.js');
    await importHosts(inventory.store, 'name,customer,tags\nbeta-secret-host,Beta Corp,beta-only-tag\n');
    const at = Date.now();
    const seen = (app: string, host: string) => ({ appId: app, app, ver: '1.0', host, instance: 0, appData: null, hostIp: '192.0.2.1', at });
    await t.steward.apps.collector!.accept([seen('billing', 'alpha-web'), seen('billing', 'beta-secret-host'), seen('beta_only_app', 'beta-machine-id-0001'), seen('billing', 'orphan-box')]);
    await inventory.ingest({ host: { name: 'beta-exposed-db', customer: 'Beta Corp', osCodename: 'jammy' }, packages: [pkg] });
    // One advisory hits both customers' openssl (alpha on bookworm, beta on jammy).
    const fixedIn = (release: string) => ({ release, kind: 'source' as const, name: 'openssl', fixedVersion: '3.0.13-1', state: 'fixed' as const });
    await t.steward.advisories.importFeed({ advisories: [{ id: 'DSA-9999-1', source: 'debian', title: 'openssl security update', cves: ['CVE-2099-1'], packages: [fixedIn('bookworm'), fixedIn('jammy')] }], skipped: {} });
    // Beta's remediation marks: for its host, and for the whole customer (mark ids 1 and 2, like small host ids).
    const betaDb = (await inventory.listHosts({ customerId: null }, { q: 'beta-exposed-db' }, 'name', 'asc', { limit: 1, offset: 0 })).items[0]!.id;
    await t.steward.marks.add('admin', { advisory: 'DSA-9999-1', state: 'compensated', justification: 'beta firewall rule', target: { hosts: [betaDb] } });
    await t.steward.marks.add('admin', { advisory: 'DSA-9999-1', state: 'accepted-risk', justification: 'beta firewall rule', target: { customer: beta.id } });
    // Beta's patching policy, assigned to the customer: its name and windows are Beta's business.
    const policy = await t.steward.policies.create({ name: 'beta-night-policy', mode: 'automatic', timeZone: 'Europe/Zurich', patchWindow: { kind: 'daily', at: '02:00', minutes: 120 }, rebootWindow: { kind: 'weekly', days: ['sun'], at: '03:00', minutes: 60 } });
    await t.steward.policies.assign(policy.id, { customer: beta.id });
    await auth.addUser({ username: 'alice', password: 'alice password', role: 'customer', customerId: alpha.id });
    alphaCookie = await t.login('alice', 'alice password');
    ids = { alphaHost: a.hostId, betaHost: b.hostId, alpha: alpha.id, beta: beta.id };
  });
  afterAll(async () => t?.cleanup());

  const apiRoutes = () => t.routes.filter((r) => r.url.startsWith('/api') && r.method !== 'HEAD');
  const fill = (url: string, id: number | string) => url.replace(/:id\b/g, String(id)).replace(/:appId\b/g, 'beta_only_app').replace(/:host\b/g, 'beta-secret-host').replace(/:certname\b/g, 'beta-secret-host');

  it('every API route declares a permission, and only login, health, the API document and Partisci updates are open', () => {
    const publicRoutes = apiRoutes().filter((r) => r.permission === 'public').map((r) => `${r.method} ${r.url}`);
    // The Partisci update path answers other methods with 405 and does nothing else.
    const wrongMethods = ['DELETE', 'GET', 'PATCH', 'PUT'].map((m) => `${m} /api/v1/update/`);
    expect(publicRoutes.sort()).toEqual(['GET /api/v1/health', 'GET /api/v1/openapi.json', 'POST /api/v1/auth/login', ...wrongMethods].sort());
    // Partisci clients send updates without credentials (unless partisci.auth is required).
    expect(apiRoutes().filter((r) => r.anonymous).map((r) => `${r.method} ${r.url}`)).toEqual(['POST /api/v1/update/']);
    expect(apiRoutes().length).toBeGreaterThan(25);
  });

  it('answers 401 to an anonymous caller on every non-public route', async () => {
    for (const r of apiRoutes().filter((r) => r.permission !== 'public' && !r.anonymous)) {
      const res = await t.app.inject({ method: r.method as 'GET', url: fill(r.url, ids.alphaHost), payload: r.method === 'GET' || r.method === 'DELETE' ? undefined : {} });
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(401);
      // Partisci's paths (with their trailing slash) keep its envelope: the error is a plain message.
      const error = res.json().error;
      if (r.url.endsWith('/')) expect(error, r.url).toMatch(/sign in/);
      else expect(error.code, r.url).toBe('unauthorized');
    }
  });

  it('answers 401 to a bad or revoked token', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/hosts', headers: { authorization: 'Bearer stw_nope' } });
    expect(res.statusCode).toBe(401);
  });

  it('lets a customer user write nothing', async () => {
    for (const r of apiRoutes().filter((r) => !['GET', 'HEAD'].includes(r.method) && r.permission !== 'public' && r.permission !== 'authenticated')) {
      const res = await t.app.inject({ method: r.method as 'POST', url: fill(r.url, ids.alphaHost), headers: { cookie: alphaCookie }, payload: {} });
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(403);
    }
  });

  it("shows a customer user nothing of another customer's, whichever GET route, id or filter it tries", async () => {
    const gets = apiRoutes().filter((r) => r.method === 'GET' && r.permission !== 'public');
    const tries: string[] = [];
    const filters = [`customer=${ids.beta}`, 'q=beta', 'tag=beta-only-tag', 'release=jammy', 'host=beta-secret-host', 'appId=beta_only_app', 'app_id=beta_only_app', `hostId=${ids.betaHost}`, 'format=csv'];
    for (const r of gets) {
      const url = fill(r.url, ids.betaHost);
      tries.push(url, ...filters.map((f) => `${url}?${f}`));
      if (r.url.includes(':id')) tries.push(fill(r.url, ids.beta), r.url.replace(/:id\b/g, 'DSA-9999-1'), `${r.url.replace(/:id\b/g, 'DSA-9999-1')}?format=csv`);
    }
    let readable = 0;
    for (const url of tries) {
      const res = await t.app.inject({ method: 'GET', url, headers: { cookie: alphaCookie } });
      expect([200, 400, 403, 404], url).toContain(res.statusCode);
      // Refusals may repeat what was asked for; only answers are searched for what must not show.
      if (res.statusCode !== 200) continue;
      readable++;
      for (const secret of secretOfBeta) expect(res.body, `${url} leaks ${secret}`).not.toContain(secret);
    }
    expect(readable).toBeGreaterThan(20);
  });

  it('shows the customer user the exposures of its own hosts only', async () => {
    const report = await t.app.inject({ method: 'GET', url: '/api/v1/advisories/DSA-9999-1/report', headers: { cookie: alphaCookie } });
    expect(report.json()).toMatchObject({ affectedNow: 1, customers: [{ customer: { name: 'Alpha Ltd' } }] });
    // Staff see both customers' hosts in the same report.
    const admin = await t.login('admin', adminPassword);
    const all = await t.app.inject({ method: 'GET', url: '/api/v1/advisories/DSA-9999-1/report', headers: { cookie: admin } });
    expect(all.json()).toMatchObject({ affectedNow: 2 });
    const atRisk = await t.app.inject({ method: 'GET', url: '/api/v1/exposure/hosts', headers: { cookie: alphaCookie } });
    expect(atRisk.json().items.map((h: { host: { name: string } }) => h.host.name)).toEqual(['alpha-web']);
    const beta = await t.app.inject({ method: 'GET', url: `/api/v1/hosts/${ids.betaHost}/exposures`, headers: { cookie: alphaCookie } });
    expect(beta.statusCode).toBe(404);
  });

  it("gives the customer user its own customer report, and another customer's neither by id nor as CSV", async () => {
    const own = await t.app.inject({ method: 'GET', url: `/api/v1/customers/${ids.alpha}/report`, headers: { cookie: alphaCookie } });
    expect(own.json()).toMatchObject({ customer: { name: 'Alpha Ltd' }, hosts: 1, totals: { affectedNow: 1, open: 1 }, advisories: [{ advisory: { id: 'DSA-9999-1' }, hosts: [{ name: 'alpha-web', status: 'open' }] }] });
    for (const url of [`/api/v1/customers/${ids.beta}/report`, `/api/v1/customers/${ids.beta}/report?format=csv`, `/api/v1/hosts/${ids.betaHost}/policy`]) {
      const res = await t.app.inject({ method: 'GET', url, headers: { cookie: alphaCookie } });
      expect(res.statusCode, url).toBe(404);
    }
    const policies = await t.app.inject({ method: 'GET', url: '/api/v1/policies', headers: { cookie: alphaCookie } });
    expect(policies.json().items).toEqual([]);
    // Staff read Beta's report: its exposed host compensated by its own mark, over the customer's accepted risk.
    const admin = await t.login('admin', adminPassword);
    const beta = await t.app.inject({ method: 'GET', url: `/api/v1/customers/${ids.beta}/report`, headers: { cookie: admin } });
    expect(beta.json()).toMatchObject({ customer: { name: 'Beta Corp' }, totals: { affectedNow: 1, compensated: 1, acceptedRisk: 0 }, schedule: [{ policy: { name: 'beta-night-policy' } }] });
    expect(beta.json().done.map((d: { what: string; host: { name: string } | null }) => `${d.what} ${d.host?.name ?? 'customer'}`).sort()).toEqual(['accepted-risk customer', 'compensated beta-exposed-db']);
    const csv = await t.app.inject({ method: 'GET', url: `/api/v1/customers/${ids.beta}/report?format=csv`, headers: { cookie: admin } });
    expect(csv.body.split('\r\n')[0]).toBe('advisory,title,severity,host,status,policy,awaiting_until,opened_at,closed_at,justification');
    expect(csv.body).toContain('beta-exposed-db,compensated,beta-night-policy');
  });

  it('shows the customer user its own hosts and the app versions on them', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/hosts', headers: { cookie: alphaCookie } });
    expect(res.json().items.map((h: { name: string }) => h.name)).toEqual(['alpha-web']);
    const versions = await t.app.inject({ method: 'GET', url: '/api/v1/version/', headers: { cookie: alphaCookie } });
    expect(versions.json().data.map((r: { host: string }) => r.host)).toEqual(['alpha-web']);
    const apps = await t.app.inject({ method: 'GET', url: '/api/v1/app/', headers: { cookie: alphaCookie } });
    expect(apps.json().data).toEqual([expect.objectContaining({ app_id: 'billing', host_count: 1 })]);
    const own = await t.app.inject({ method: 'GET', url: `/api/v1/hosts/${ids.alphaHost}/packages`, headers: { cookie: alphaCookie } });
    expect(own.json().items[0].name).toBe('openssl');
  });

  it('lets an agent token report hosts and nothing else', async () => {
    const admin = await t.steward.auth.findUser('admin');
    const { secret } = await t.steward.auth.createToken({ userId: admin.id, role: 'admin' }, 'agents', 'agent');
    const headers = { authorization: `Bearer ${secret}` };
    const report = await t.app.inject({ method: 'POST', url: '/api/v1/hosts/report', headers, payload: { host: { name: 'agent-host' }, packages: [] } });
    expect(report.statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/hosts', headers })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/tokens', headers })).statusCode).toBe(403);
  });

  it('signs in with a session cookie that is HttpOnly and SameSite, and signs out', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'admin', password: adminPassword } });
    const cookie = res.cookies.find((c) => c.name === 'steward_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    const headers = { cookie: `steward_session=${cookie.value}` };
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers })).json().user.role).toBe('admin');
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers })).statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers })).statusCode).toBe(401);
    const bad = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'admin', password: 'nope' } });
    expect(bad.statusCode).toBe(401);
  });
});
