import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import YAML from 'yaml';
import { createTestDatabase, describeEachDialect, type TestDatabase } from '../../../test/helpers/databases.js';
import { createLogger } from '../../core/logger.js';
import { EventBus } from '../../core/events.js';
import { unscoped } from '../../core/auth/permissions.js';
import { createInventory, importHosts, type InventoryService } from '../../inventory/index.js';
import { PolicyService } from '../policies/service.js';
import { PolicyStore } from '../policies/store.js';
import { ExportService } from './service.js';

// A disk that fills up: after `writes` more files, writing one fails (set per test; Infinity: never).
const disk = vi.hoisted(() => ({ writes: Infinity }));
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const writeFileSync = ((...args: Parameters<typeof fs.writeFileSync>) => {
    if (disk.writes-- <= 0) throw Object.assign(new Error(`ENOSPC: no space left on device, open '${String(args[0])}'`), { code: 'ENOSPC' });
    return fs.writeFileSync(...args);
  }) as typeof fs.writeFileSync;
  return { ...fs, default: { ...fs, writeFileSync }, writeFileSync };
});

/** Every file under `dir` with its text, by relative path. */
function treeOf(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out[relative(dir, p)] = readFileSync(p, 'utf8');
    }
  };
  walk(dir);
  return out;
}

const read = (text: string) => YAML.parse(text, { version: '1.1' }) as Record<string, unknown>;

describeEachDialect('Puppet export', (dialect) => {
  let t: TestDatabase;
  let inventory: InventoryService;
  let policies: PolicyService;
  let exports: ExportService;
  let work: string;
  let acme: number;
  let beta: number;
  let dbWeekly: number;
  const logger = createLogger('silent');
  const staff = unscoped;

  beforeEach(async () => {
    disk.writes = Infinity;
    t = await createTestDatabase(dialect);
    work = mkdtempSync(join(tmpdir(), 'steward-export-'));
    inventory = createInventory(t.db, new EventBus(logger));
    policies = new PolicyService(new PolicyStore(t.db), inventory);
    exports = new ExportService(inventory, policies);
    acme = (await inventory.addCustomer('Acme AG', null)).id;
    beta = (await inventory.addCustomer('Beta', null)).id;
    await inventory.addCustomer('acme-ag', null); // the same slug as Acme AG's, and younger
    await importHosts(inventory.store, 'name,customer,tags\nWeb1.example.com,Acme AG,web|prod\ndb1.example.com,Acme AG,db|prod\nbeta1.example.com,Beta,db\n');
    const all = await policies.create({ name: 'acme-hand', mode: 'manual', patchWindow: { kind: 'daily', at: '02:00', minutes: 120 } });
    await policies.assign(all.id, { customer: acme });
    dbWeekly = (
      await policies.create({
        name: 'db-weekly',
        mode: 'automatic',
        timeZone: 'Europe/Zurich',
        installs: 'all',
        patchWindow: { kind: 'weekly', days: ['thu', 'mon'], at: '22:30', minutes: 90 },
        rebootWindow: { kind: 'cron', expression: '0 3 * * 0', minutes: 60 },
        deadline: '2d',
      })
    ).id;
    await policies.assign(dbWeekly, { customer: acme, tag: 'db' });
  });
  afterEach(async () => {
    await t.cleanup();
    rmSync(work, { recursive: true, force: true });
  });

  it("gives a host's Hiera data by its certname: its name in lower case, with the policy it follows", async () => {
    expect(await exports.hieraOf(staff, 'db1.example.com')).toEqual({
      'steward::customer': 'Acme AG',
      'steward::tags': ['db', 'prod'],
      'steward::patching::policy': 'db-weekly',
      'steward::patching::mode': 'automatic',
      'steward::patching::installs': 'all',
      'steward::patching::time_zone': 'Europe/Zurich',
      'steward::patching::patch_window': { kind: 'weekly', at: '22:30', days: ['mon', 'thu'], minutes: 90, time_zone: 'Europe/Zurich', text: 'weekly mon,thu 22:30 90m', cron: '30 22 * * 1,4' },
      'steward::patching::reboot_window': { kind: 'cron', expression: '0 3 * * 0', minutes: 60, time_zone: 'Europe/Zurich', text: "cron '0 3 * * 0' 1h", cron: '0 3 * * 0' },
      'steward::patching::deadline': '2d',
      'steward::patching::deadline_minutes': 2880,
    });
    expect(await exports.hieraOf(staff, 'web1.example.com')).toMatchObject({ 'steward::tags': ['prod', 'web'], 'steward::patching::policy': 'acme-hand', 'steward::patching::mode': 'manual', 'steward::patching::reboot_window': null });
    // No policy: manual, and nothing else.
    expect(await exports.hieraOf(staff, 'beta1.example.com')).toMatchObject({ 'steward::customer': 'Beta', 'steward::patching::policy': null, 'steward::patching::mode': 'manual', 'steward::patching::installs': null });
    expect(read(await exports.hieraFileOf(staff, 'db1.example.com'))).toEqual(await exports.hieraOf(staff, 'db1.example.com'));
  });

  it('answers the ENC with class steward::patching, the customer and tags with their slugs, and the environment', async () => {
    const answer = await exports.encOf(staff, 'db1.example.com');
    expect(answer).toMatchObject({
      classes: { 'steward::patching': { policy: 'db-weekly', mode: 'automatic', installs: 'all', deadline: '2d' } },
      parameters: { steward_customer: 'Acme AG', steward_customer_slug: 'acme-ag', steward_tags: ['db', 'prod'], steward_tag_slugs: ['db', 'prod'], steward_policy: 'db-weekly' },
      environment: 'production',
    });
    expect((await exports.encOf(staff, 'db1.example.com', 'staging')).environment).toBe('staging');
    expect(read(await exports.encYamlOf(staff, 'db1.example.com'))).toEqual(answer);
    await expect(exports.encOf(staff, 'db1.example.com', 'no/such')).rejects.toMatchObject({ code: 'unprocessable' });
  });

  it("scopes customer users to their own hosts: another customer's host is as unknown as a missing one", async () => {
    const betaUser = { customerId: beta };
    expect(await exports.hieraOf(betaUser, 'beta1.example.com')).toMatchObject({ 'steward::customer': 'Beta' });
    const unknown = await exports.hieraOf(staff, 'nope.example.com').catch((e: unknown) => e);
    expect(unknown).toMatchObject({ code: 'not_found', message: "no host has the certname nope.example.com (a host's certname is its inventory name in lower case)" });
    for (const call of [() => exports.hieraOf(betaUser, 'db1.example.com'), () => exports.encOf(betaUser, 'web1.example.com')]) {
      await expect(call()).rejects.toMatchObject({ code: 'not_found', message: expect.stringMatching(/^no host has the certname (db1|web1)\.example\.com /) });
    }
  });

  it('refuses a certname that is no certname before looking anything up, naming it', async () => {
    for (const bad of ['../db1.example.com', 'db1.example.com/..', '', 'DB1.example.com', 'db1 example']) {
      await expect(exports.hieraOf(staff, bad), bad).rejects.toMatchObject({ code: 'unprocessable', message: expect.stringContaining(`certname ${JSON.stringify(bad)}: `) });
      await expect(exports.encOf(staff, bad), bad).rejects.toMatchObject({ code: 'unprocessable' });
    }
  });

  it('lets the present host, then the one seen last, have a certname that several hosts share', async () => {
    await inventory.ingest({ host: { name: 'dup.example.com', machineId: 'aaaa', customer: 'Acme AG' }, packages: [] });
    await new Promise((r) => setTimeout(r, 5));
    await inventory.ingest({ host: { name: 'DUP.example.com', machineId: 'bbbb', customer: 'Beta' }, packages: [] });
    expect(await exports.hieraOf(staff, 'dup.example.com')).toMatchObject({ 'steward::customer': 'Beta' });
    // A customer user sees only its own of them.
    expect(await exports.hieraOf({ customerId: acme }, 'dup.example.com')).toMatchObject({ 'steward::customer': 'Acme AG' });
    await inventory.markAbsent(0, Date.now() + 60_000);
    await inventory.ingest({ host: { name: 'dup.example.com', machineId: 'aaaa' }, packages: [] });
    expect(await exports.hieraOf(staff, 'dup.example.com')).toMatchObject({ 'steward::customer': 'Acme AG' });
  });

  it('writes the whole tree: a file per host, per customer and per customer tag with a policy', async () => {
    await inventory.ingest({ host: { name: 'bad host', customer: 'Beta' }, packages: [] });
    await inventory.ingest({ host: { name: 'lone' }, packages: [] });
    const dir = join(work, 'hieradata');
    const summary = await exports.writeHiera(dir);
    expect(summary).toMatchObject({ dir, hosts: 4, customers: 3, tags: 1, skipped: [{ name: 'bad host', reason: 'its name in lower case is not a valid certname' }] });
    const files = treeOf(dir);
    expect(Object.keys(files).sort()).toEqual([
      '.steward-export',
      'customers/acme-ag-3.yaml',
      'customers/acme-ag.yaml',
      'customers/acme-ag/tags/db.yaml',
      'customers/beta.yaml',
      'nodes/beta1.example.com.yaml',
      'nodes/db1.example.com.yaml',
      'nodes/lone.yaml',
      'nodes/web1.example.com.yaml',
    ]);
    for (const certname of ['db1.example.com', 'web1.example.com', 'beta1.example.com', 'lone']) {
      expect(files[`nodes/${certname}.yaml`], certname).toBe(await exports.hieraFileOf(staff, certname));
    }
    expect(read(files['nodes/lone.yaml']!)).toMatchObject({ 'steward::customer': null, 'steward::tags': [], 'steward::patching::mode': 'manual' });
    expect(read(files['customers/acme-ag.yaml']!)).toMatchObject({ 'steward::customer': 'Acme AG', 'steward::patching::policy': 'acme-hand', 'steward::patching::mode': 'manual' });
    expect(read(files['customers/acme-ag-3.yaml']!)).toMatchObject({ 'steward::customer': 'acme-ag', 'steward::patching::policy': null, 'steward::patching::mode': 'manual' });
    expect(read(files['customers/acme-ag/tags/db.yaml']!)).toMatchObject({ 'steward::customer': 'Acme AG', 'steward::tag': 'db', 'steward::patching::policy': 'db-weekly', 'steward::patching::deadline_minutes': 2880 });
    expect(read(files['.steward-export']!)).toMatchObject({ written_by: 'steward export hiera', hosts: 4, customers: 3, tags: 1, skipped: 1 });
    expect(statSync(dir).mode & 0o777).toBe(0o755);
    expect(statSync(join(dir, 'nodes/lone.yaml')).mode & 0o777).toBe(0o644);
    expect(readdirSync(work)).toEqual(['hieradata']);
  });

  it('replaces an earlier export whole, keeping the files that did not change as they were', async () => {
    const dir = join(work, 'hieradata');
    await exports.writeHiera(dir);
    const inode = (path: string) => statSync(join(dir, path)).ino;
    const before = { web: inode('nodes/web1.example.com.yaml'), db: inode('nodes/db1.example.com.yaml') };
    await policies.unassign(dbWeekly, { customer: acme, tag: 'db' });
    const summary = await exports.writeHiera(dir);
    expect(summary).toMatchObject({ hosts: 3, customers: 3, tags: 0 });
    const files = treeOf(dir);
    expect(Object.keys(files)).not.toContain('customers/acme-ag/tags/db.yaml');
    expect(read(files['nodes/db1.example.com.yaml']!)).toMatchObject({ 'steward::patching::policy': 'acme-hand' });
    expect(inode('nodes/web1.example.com.yaml')).toBe(before.web);
    expect(inode('nodes/db1.example.com.yaml')).not.toBe(before.db);
    expect(readdirSync(work)).toEqual(['hieradata']);
  });

  it('leaves the previous export as it was when writing the new one fails', async () => {
    const dir = join(work, 'hieradata');
    await exports.writeHiera(dir);
    const before = treeOf(dir);
    await policies.unassign(dbWeekly, { customer: acme, tag: 'db' });
    // db1's node file changed, so it is written, not linked: the disk is full by then.
    disk.writes = 0;
    await expect(exports.writeHiera(dir)).rejects.toThrow(/ENOSPC/);
    disk.writes = Infinity;
    expect(treeOf(dir)).toEqual(before);
    expect(readdirSync(work)).toEqual(['hieradata']);
    // Nor does a failure before any file is written leave anything behind.
    const spy = vi.spyOn(policies, 'policiesFor').mockRejectedValueOnce(new Error('database went away'));
    await expect(exports.writeHiera(dir)).rejects.toThrow('database went away');
    spy.mockRestore();
    expect(treeOf(dir)).toEqual(before);
    expect(readdirSync(work)).toEqual(['hieradata']);
  });

  it('writes into an empty directory, and replaces nothing that is not an earlier export', async () => {
    const empty = join(work, 'empty');
    mkdirSync(empty);
    expect(await exports.writeHiera(empty)).toMatchObject({ hosts: 3 });
    const foreign = join(work, 'puppet-code');
    mkdirSync(foreign);
    writeFileSync(join(foreign, 'site.pp'), 'node default {}\n');
    await expect(exports.writeHiera(foreign)).rejects.toMatchObject({ code: 'conflict', message: `export directory ${foreign} is not empty and holds no .steward-export file: it was not written by steward export hiera, so it is not replaced` });
    expect(readdirSync(foreign)).toEqual(['site.pp']);
    const file = join(work, 'a-file');
    writeFileSync(file, 'x');
    await expect(exports.writeHiera(file)).rejects.toMatchObject({ code: 'conflict', message: `export directory ${file} exists and is not a directory` });
    expect(await exports.writeHiera(join(work, 'deep', 'er', 'hiera'))).toMatchObject({ hosts: 3 });
    expect(readdirSync(work).sort()).toEqual(['a-file', 'deep', 'empty', 'puppet-code']);
  });
});
