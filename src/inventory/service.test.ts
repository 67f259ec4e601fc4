import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createTestDatabase, describeEachDialect, type TestDatabase } from '../../test/helpers/databases.js';
import { fixture } from '../../test/helpers/fixtures.js';
import { asState, replayHistory } from '../../test/helpers/history.js';
import { createLogger } from '../core/logger.js';
import { EventBus } from '../core/events.js';
import { unscoped } from '../core/auth/permissions.js';
import { AppError } from '../core/errors.js';
import { createInventory, type InventoryService } from './index.js';
import { normalizePackages, parseDpkgStatus } from './formats/index.js';
import { packagesDigest } from './digest.js';
import type { HostReport, ReportedPackage } from './report.js';

const realPackages: ReportedPackage[] = parseDpkgStatus(readFileSync(fixture('dpkg/status-debian12-sample'), 'utf8'));
const page = { limit: 500, offset: 0 };

function report(name: string, packages: ReportedPackage[], extra: Partial<HostReport['host']> = {}): HostReport {
  return { host: { name, osId: 'debian', osVersion: '12', osCodename: 'bookworm', kernel: '6.1.0-18-amd64', architecture: 'amd64', ...extra }, packages };
}

/** The fixture with one package upgraded, one removed and one added; returns what changed. */
function changed(pkgs: ReportedPackage[]) {
  const [up, gone] = [pkgs[10]!, pkgs[20]!];
  const next = pkgs
    .filter((p) => p !== gone)
    .map((p) => (p === up ? { ...p, version: `${p.version}+deb12u9`, sourceVersion: `${p.sourceVersion}+deb12u9` } : p));
  const added: ReportedPackage = { name: 'zz-steward-test', version: '1.0-1', source: 'zz-steward-test', sourceVersion: '1.0-1', arch: 'all' };
  next.push(added);
  return { next, up, gone, added };
}

describeEachDialect('inventory service', (dialect) => {
  let t: TestDatabase;
  let inventory: InventoryService;
  const count = async (table: string) =>
    Number((await t.db.kysely.selectFrom(table).select((e) => e.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  beforeEach(async () => {
    t = await createTestDatabase(dialect);
    inventory = createInventory(t.db, new EventBus(createLogger('silent')));
  });
  afterEach(async () => t.cleanup());

  it('stores a first report as the baseline: all packages, one initial run', async () => {
    const r = await inventory.ingest(report('web1', realPackages));
    expect(r).toMatchObject({ created: true, packagesChanged: true, run: { kind: 'initial', added: realPackages.length } });
    const pkgs = await inventory.hostPackages(unscoped, r.hostId, undefined, { limit: 5000, offset: 0 });
    expect(pkgs.total).toBe(realPackages.length);
    const withSource = realPackages.find((p) => p.source !== p.name)!;
    expect(pkgs.items).toContainEqual(expect.objectContaining({ name: withSource.name, source: withSource.source, sourceVersion: withSource.sourceVersion }));
    const host = await inventory.getHost(unscoped, r.hostId);
    expect(host).toMatchObject({ name: 'web1', osCodename: 'bookworm', present: true, packageCount: realPackages.length });
  });

  it('a repeated report moves last_seen and writes no package or history rows', async () => {
    const first = await inventory.ingest(report('web1', realPackages));
    const state = async () => ({
      sets: JSON.stringify(await t.db.kysely.selectFrom('host_package_sets').selectAll().execute()),
      pv: await count('package_versions'),
      runs: await count('discovery_runs'),
      ch: await count('package_changes'),
    });
    const before = await state();
    const seen1 = (await inventory.getHost(unscoped, first.hostId)).lastSeen!;
    const again = await inventory.ingest(report('web1', [...realPackages].reverse().reverse()));
    expect(again).toEqual({ hostId: first.hostId, created: false, packagesChanged: false, digest: first.digest });
    expect(first.digest).toBe(packagesDigest(realPackages));
    expect(await state()).toEqual(before);
    expect((await inventory.getHost(unscoped, first.hostId)).lastSeen! >= seen1).toBe(true);
  });

  it('a changed report records exactly what was added, removed and upgraded, in one run', async () => {
    const first = await inventory.ingest(report('web1', realPackages));
    const { next, up, gone, added } = changed(realPackages);
    const r = await inventory.ingest(report('web1', next));
    expect(r.run).toMatchObject({ kind: 'change', added: 1, removed: 1, upgraded: 1 });
    const history = await inventory.hostHistory(unscoped, first.hostId, page);
    expect(history.total).toBe(2);
    expect(history.items[0]!.changes).toEqual(
      expect.arrayContaining([
        { change: 'upgraded', name: up.name, arch: up.arch, oldVersion: up.version, newVersion: `${up.version}+deb12u9` },
        { change: 'removed', name: gone.name, arch: gone.arch, oldVersion: gone.version, newVersion: null },
        { change: 'added', name: added.name, arch: 'all', oldVersion: null, newVersion: '1.0-1' },
      ]),
    );
    expect(history.items[0]!.changes).toHaveLength(3);
    const pkgs = await inventory.hostPackages(unscoped, first.hostId, up.name, page);
    expect(pkgs.items.find((p) => p.name === up.name && p.arch === up.arch)?.version).toBe(`${up.version}+deb12u9`);
    expect((await inventory.getHost(unscoped, first.hostId)).packageCount).toBe(next.length);
    expect((await inventory.hostPackages(unscoped, first.hostId, undefined, { limit: 5000, offset: 0 })).total).toBe(next.length);
  });

  it('applies a differential report to the set it is based on, with the same history as a full report', async () => {
    const first = await inventory.ingest(report('web1', realPackages, { machineId: 'mid-1' }));
    const { next, up, gone, added } = changed(realPackages);
    const upgraded = next.find((p) => p.name === up.name && p.arch === up.arch)!;
    const delta = { host: { name: 'web1', machineId: 'mid-1' }, base: first.digest, digest: packagesDigest(normalizePackages(next, 't')), count: next.length, added: [upgraded, added], removed: [up, gone] };
    const r = await inventory.ingestDelta(delta);
    expect(r).toMatchObject({ packagesChanged: true, digest: delta.digest, run: { kind: 'change', added: 1, removed: 1, upgraded: 1 } });
    const pkgs = await inventory.hostPackages(unscoped, first.hostId, undefined, { limit: 5000, offset: 0 });
    expect(pkgs.items.map((p) => `${p.name}:${p.arch}=${p.version}`).sort()).toEqual(next.map((p) => `${p.name}:${p.arch}=${p.version}`).sort());
    // A full report of the same set is recognised as unchanged: both paths agree on the digest.
    expect(await inventory.ingest(report('web1', normalizePackages(next, 't'), { machineId: 'mid-1' }))).toMatchObject({ packagesChanged: false });
    // An empty change only moves last_seen.
    expect(await inventory.ingestDelta({ ...delta, base: delta.digest, added: [], removed: [] })).toMatchObject({ packagesChanged: false });
  });

  it('refuses a differential report based on another set (409) or that does not apply (422), changing nothing', async () => {
    const first = await inventory.ingest(report('web1', realPackages));
    const pkg = realPackages[0]!;
    const delta = { host: { name: 'web1' }, base: first.digest, digest: first.digest, count: realPackages.length, added: [], removed: [] };
    const stale = { ...delta, base: 'f'.repeat(64), removed: [pkg], count: realPackages.length - 1 };
    await expect(inventory.ingestDelta(stale)).rejects.toMatchObject({ status: 409 });
    await expect(inventory.ingestDelta({ ...delta, host: { name: 'unknown-host' } })).rejects.toMatchObject({ status: 409 });
    const notThere = { ...pkg, version: '0.0.0-0' };
    await expect(inventory.ingestDelta({ ...delta, removed: [notThere], count: realPackages.length - 1 })).rejects.toThrow(/does not have/);
    await expect(inventory.ingestDelta({ ...delta, added: [pkg], count: realPackages.length + 1 })).rejects.toThrow(/already has/);
    await expect(inventory.ingestDelta({ ...delta, removed: [pkg], count: realPackages.length })).rejects.toThrow(/count/);
    const history = await inventory.hostHistory(unscoped, first.hostId, page);
    expect(history.total).toBe(1);
    expect((await inventory.getHost(unscoped, first.hostId)).packageCount).toBe(realPackages.length);
  });

  it('a report with no packages is valid and removes what the host had', async () => {
    const first = await inventory.ingest(report('web1', realPackages.slice(0, 3)));
    const r = await inventory.ingest(report('web1', []));
    expect(r.run).toMatchObject({ removed: 3, added: 0 });
    expect((await inventory.getHost(unscoped, first.hostId)).packageCount).toBe(0);
    const empty = await inventory.ingest(report('bare', []));
    expect(empty).toMatchObject({ created: true, packagesChanged: true, run: { kind: 'initial', added: 0 } });
  });

  it('concurrent reports from one host leave no duplicate and lose no change', async () => {
    const { next } = changed(realPackages);
    const bodies = [realPackages, next, realPackages, next.slice(5)];
    const results = await Promise.all(bodies.map((pkgs) => inventory.ingest(report('web1', pkgs, { machineId: 'm1' }))));
    expect(new Set(results.map((r) => r.hostId)).size).toBe(1);
    expect(await count('hosts')).toBe(1);
    const hostId = results[0]!.hostId;
    const history = await inventory.hostHistory(unscoped, hostId, page);
    const initial = bodies[results.findIndex((r) => r.run?.kind === 'initial')]!;
    const current = await inventory.hostPackages(unscoped, hostId, undefined, { limit: 5000, offset: 0 });
    expect(replayHistory(initial, history.items)).toEqual(asState(current.items));
    expect(await count('host_package_sets')).toBe(1);
    expect(history.total).toBe(results.filter((r) => r.packagesChanged).length);
  });

  it('identifies a host by machine-id across renames, and adopts a host first known by name', async () => {
    const imported = await inventory.ingest(report('old-name', [], {}));
    const withMid = await inventory.ingest(report('old-name', [], { machineId: 'abc123' }));
    expect(withMid.hostId).toBe(imported.hostId);
    const renamed = await inventory.ingest(report('new-name', [], { machineId: 'abc123' }));
    expect(renamed.hostId).toBe(imported.hostId);
    expect((await inventory.getHost(unscoped, imported.hostId)).name).toBe('new-name');
    expect(await count('hosts')).toBe(1);
  });

  it('resolves the customer by name or alias, case-insensitively, and rejects an unknown one', async () => {
    const acme = await inventory.addCustomer('Acme', 'ops@acme.example', ['ACME-HOSTINFO']);
    const r = await inventory.ingest(report('web1', [], { customer: 'acme-hostinfo' }));
    expect((await inventory.getHost(unscoped, r.hostId)).customer).toEqual({ id: acme.id, name: 'Acme' });
    const hostsBefore = await count('hosts');
    const err = await inventory.ingest(report('web2', [], { customer: 'nobody' })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).status).toBe(422);
    expect((err as AppError).message).toContain('nobody');
    expect(await count('hosts')).toBe(hostsBefore);
    await expect(inventory.addCustomer('Other', null, ['acme-hostinfo'])).rejects.toThrow(/already names customer Acme/);
  });

  it('marks hosts absent after the configured silence, and a report makes them present again', async () => {
    const r = await inventory.ingest(report('web1', []));
    expect(await inventory.markAbsent(60_000, Date.now() - 120_000)).toEqual([]);
    expect(await inventory.markAbsent(60_000, Date.now() + 120_000)).toEqual([r.hostId]);
    expect((await inventory.getHost(unscoped, r.hostId)).present).toBe(false);
    await inventory.ingest(report('web1', []));
    expect((await inventory.getHost(unscoped, r.hostId)).present).toBe(true);
  });

  it('lists hosts filtered by customer, tag, release and text, sorted and paged, scoped for customer users', async () => {
    const acme = await inventory.addCustomer('Acme', null);
    const beta = await inventory.addCustomer('Beta', null);
    for (let i = 0; i < 5; i++) await inventory.ingest(report(`acme-${i}`, [], { customer: 'Acme', osCodename: i % 2 ? 'jammy' : 'bookworm' }));
    await inventory.ingest(report('beta-1', [], { customer: 'Beta' }));
    const { importHosts } = await import('./host-import.js');
    await importHosts(inventory.store, 'name,customer,tags\nacme-1,Acme,web|prod\nacme-2,Acme,db\n');
    const all = await inventory.listHosts(unscoped, {}, 'name', 'asc', page);
    expect(all.total).toBe(6);
    expect((await inventory.listHosts(unscoped, { customerId: acme.id }, 'name', 'desc', page)).items.map((h) => h.name)).toEqual(['acme-4', 'acme-3', 'acme-2', 'acme-1', 'acme-0']);
    expect((await inventory.listHosts(unscoped, { tag: 'prod' }, 'name', 'asc', page)).items.map((h) => [h.name, h.tags])).toEqual([['acme-1', ['prod', 'web']]]);
    expect((await inventory.listHosts(unscoped, { release: 'jammy' }, 'name', 'asc', page)).total).toBe(2);
    expect((await inventory.listHosts(unscoped, { q: 'BETA' }, 'name', 'asc', page)).items.map((h) => h.name)).toEqual(['beta-1']);
    expect((await inventory.listHosts(unscoped, { q: '%' }, 'name', 'asc', page)).total).toBe(0);
    const paged = await inventory.listHosts(unscoped, {}, 'name', 'asc', { limit: 2, offset: 2 });
    expect(paged).toMatchObject({ total: 6 });
    expect(paged.items.map((h) => h.name)).toEqual(['acme-2', 'acme-3']);
    const scoped = await inventory.listHosts({ customerId: beta.id }, {}, 'name', 'asc', page);
    expect(scoped.items.map((h) => h.name)).toEqual(['beta-1']);
    await expect(inventory.getHost({ customerId: beta.id }, all.items[0]!.id)).rejects.toThrow(/not found/);
  });
});
