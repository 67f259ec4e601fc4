// The Puppet export over HTTP: a node's Hiera data and ENC answer by certname, as YAML or JSON; refused certnames
// (422 naming them), unknown ones and another customer's hosts (404 alike), and who may read them.
import { afterAll, beforeAll, expect, it } from 'vitest';
import YAML from 'yaml';
import { describeEachDialect } from '../helpers/databases.js';
import { adminPassword, createTestApp, type TestApp } from '../helpers/server.js';
import { importHosts } from '../../src/inventory/index.js';

describeEachDialect('Puppet export API', (dialect) => {
  let t: TestApp;
  let admin: string;
  let alice: string;
  const get = (url: string, cookie: string | null = admin) => t.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const { inventory, policies, auth } = t.steward;
    const alpha = await inventory.addCustomer('Alpha Ltd', null);
    await inventory.addCustomer('Beta Corp', null);
    await importHosts(inventory.store, 'name,customer,tags\nalpha-web.example.com,Alpha Ltd,web\nBeta-DB.example.com,Beta Corp,db\n');
    const nightly = await policies.create({ name: 'beta-nightly', mode: 'automatic', timeZone: 'Europe/Zurich', patchWindow: { kind: 'daily', at: '02:00', minutes: 120 }, rebootWindow: { kind: 'weekly', days: ['sun'], at: '03:00', minutes: 60 } });
    await policies.assign(nightly.id, { customer: 'Beta Corp', tag: 'db' });
    await auth.addUser({ username: 'alice', password: 'alice password', role: 'customer', customerId: alpha.id });
    admin = await t.login('admin', adminPassword);
    alice = await t.login('alice', 'alice password');
  });
  afterAll(async () => t?.cleanup());

  it("serves a node's Hiera data as YAML Puppet reads, and as JSON", async () => {
    const res = await get('/api/v1/export/hiera/beta-db.example.com');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/yaml; charset=utf-8');
    expect(res.body.startsWith('# Written by Steward')).toBe(true);
    const data = YAML.parse(res.body, { version: '1.1' });
    expect(data).toMatchObject({
      'steward::customer': 'Beta Corp',
      'steward::tags': ['db'],
      'steward::patching::policy': 'beta-nightly',
      'steward::patching::mode': 'automatic',
      'steward::patching::patch_window': { kind: 'daily', at: '02:00', minutes: 120, time_zone: 'Europe/Zurich', text: 'daily 02:00 2h', cron: '0 2 * * *' },
      'steward::patching::reboot_window': { kind: 'weekly', days: ['sun'], cron: '0 3 * * 0' },
    });
    const json = await get('/api/v1/export/hiera/beta-db.example.com?format=json');
    expect(json.json()).toEqual(data);
  });

  it('serves the ENC answer: classes, parameters and environment', async () => {
    const res = await get('/api/v1/export/enc/beta-db.example.com');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/yaml; charset=utf-8');
    const answer = YAML.parse(res.body, { version: '1.1' });
    expect(answer).toMatchObject({
      classes: { 'steward::patching': { policy: 'beta-nightly', mode: 'automatic', installs: 'security', deadline: '1d', deadline_minutes: 1440 } },
      parameters: { steward_customer: 'Beta Corp', steward_customer_slug: 'beta-corp', steward_tags: ['db'], steward_tag_slugs: ['db'], steward_policy: 'beta-nightly' },
      environment: 'production',
    });
    expect((await get('/api/v1/export/enc/beta-db.example.com?format=json&environment=canary')).json()).toEqual({ ...answer, environment: 'canary' });
    const bad = await get('/api/v1/export/enc/beta-db.example.com?environment=no-dashes');
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error).toMatchObject({ code: 'unprocessable', details: { field: 'environment' } });
  });

  // Dot segments (/hiera/../x, also as %2E%2E) are resolved by URL parsers before routing; ../ with an encoded slash
  // arrives as such.
  it('refuses a certname with ../, a slash or other characters no certname has, with 422 naming it', async () => {
    const cases: [string, string][] = [
      ['..%2F..%2Fetc%2Fpasswd', '../../etc/passwd'],
      ['beta-db.example.com%2F..', 'beta-db.example.com/..'],
      ['web%201', 'web 1'],
      ['Beta-DB.example.com', 'Beta-DB.example.com'],
      ['x%00', 'x\u0000'],
      ['', ''],
    ];
    for (const kind of ['hiera', 'enc']) {
      for (const [path, certname] of cases) {
        const res = await get(`/api/v1/export/${kind}/${path}`);
        expect(res.statusCode, `${kind} ${path}: ${res.body}`).toBe(422);
        expect(res.json().error, path).toMatchObject({ code: 'unprocessable', message: expect.stringContaining(`certname ${JSON.stringify(certname)}: `), details: { field: 'certname', certname } });
      }
    }
  });

  it('answers 404 for an unknown certname', async () => {
    for (const kind of ['hiera', 'enc']) {
      const res = await get(`/api/v1/export/${kind}/nope.example.com`);
      expect(res.statusCode).toBe(404);
      expect(res.json().error).toMatchObject({ code: 'not_found', message: expect.stringContaining('no host has the certname nope.example.com') });
    }
  });

  it("lets a customer user read its own hosts' export, and answers another customer's host as unknown", async () => {
    const own = await get('/api/v1/export/hiera/alpha-web.example.com', alice);
    expect(own.statusCode, own.body).toBe(200);
    expect(YAML.parse(own.body)).toMatchObject({ 'steward::customer': 'Alpha Ltd', 'steward::patching::mode': 'manual', 'steward::patching::policy': null });
    expect((await get('/api/v1/export/enc/alpha-web.example.com', alice)).statusCode).toBe(200);
    for (const kind of ['hiera', 'enc']) {
      for (const query of ['', '?format=json']) {
        const res = await get(`/api/v1/export/${kind}/beta-db.example.com${query}`, alice);
        expect(res.statusCode, `${kind}${query}`).toBe(404);
        expect(res.body).not.toMatch(/Beta Corp|beta-nightly|02:00/);
        expect(res.json().error.message).toBe((await get(`/api/v1/export/${kind}/nope.example.com`, alice)).json().error.message.replace('nope.example.com', 'beta-db.example.com'));
      }
    }
  });

  it('asks for a signed-in caller with export:read', async () => {
    expect((await get('/api/v1/export/hiera/alpha-web.example.com', null)).statusCode).toBe(401);
    expect((await get('/api/v1/export/enc/alpha-web.example.com', null)).statusCode).toBe(401);
    expect(t.routes.filter((r) => r.url.startsWith('/api/v1/export/')).map((r) => `${r.method} ${r.url} ${r.permission}`).sort()).toEqual([
      'GET /api/v1/export/enc/:certname export:read',
      'GET /api/v1/export/hiera/:certname export:read',
      'HEAD /api/v1/export/enc/:certname export:read',
      'HEAD /api/v1/export/hiera/:certname export:read',
    ]);
  });
});
