// Remediation's classifier inside the advisory and customer reports, on a real database: hosts under an automatic
// policy await their window until its end plus the deadline, then are overdue; a `patched` mark is provisional until a
// report shows the fix, and flagged when a report after it still shows the flaw. The clock is the classifier's own,
// moved by the test: nothing sleeps.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createTestDatabase, describeEachDialect, type TestDatabase } from '../../test/helpers/databases.js';
import { createLogger } from '../core/logger.js';
import { EventBus } from '../core/events.js';
import { unscoped } from '../core/auth/permissions.js';
import { createInventory, type InventoryService } from '../inventory/index.js';
import { createAdvisories, type AdvisoryService } from '../advisories/index.js';
import { MarkService, MarkStore } from './marks/index.js';
import { PolicyService } from './policies/service.js';
import { PolicyStore } from './policies/store.js';
import { remediationClassifier } from './classify.js';
import { CustomerReports } from './customer-report.js';

const hour = 3_600_000;
const day = 24 * hour;
const openssl = (version: string) => [{ name: 'openssl', version, source: 'openssl', sourceVersion: version, arch: 'amd64' }];

describeEachDialect('remediation classification', (dialect) => {
  let t: TestDatabase;
  let inventory: InventoryService;
  let advisories: AdvisoryService;
  let marks: MarkService;
  let policies: PolicyService;
  let customerReports: CustomerReports;
  let clock: Date;
  let acme: number;
  const ids: Record<string, number> = {};
  const logger = createLogger('silent');

  const report = async (name: string, version: string) => {
    await inventory.ingest({ host: { name, customer: 'Acme', osCodename: 'bookworm' }, packages: openssl(version) });
    await advisories.settle();
  };
  /** Each host still affected in the advisory report, by name: its status and what explains it. */
  const states = async () => {
    const r = await advisories.reports.advisory(unscoped, 'DSA-5417-1');
    const hosts = r.customers.flatMap((c) => c.policies.flatMap((p) => p.hosts));
    return { report: r, byName: Object.fromEntries(hosts.map((h) => [h.name, h])) };
  };

  beforeEach(async () => {
    t = await createTestDatabase(dialect);
    const events = new EventBus(logger);
    inventory = createInventory(t.db, events);
    advisories = createAdvisories(t.db, inventory, events, logger);
    marks = new MarkService(new MarkStore(t.db), inventory, advisories);
    policies = new PolicyService(new PolicyStore(t.db), inventory);
    customerReports = new CustomerReports(inventory, advisories, policies, marks);
    clock = new Date();
    advisories.reports.setClassifier(remediationClassifier(marks, policies, () => clock));
    acme = (await inventory.addCustomer('Acme', null)).id;
    for (const name of ['web-1', 'web-2', 'db-1', 'plain-1']) await report(name, '3.0.11-1');
    const { importHosts } = await import('../inventory/index.js');
    await importHosts(inventory.store, 'name,customer,tags\nweb-1,Acme,web\nweb-2,Acme,web\ndb-1,Acme,db\n');
    for (const h of (await inventory.listHosts(unscoped, {}, 'name', 'asc', { limit: 10, offset: 0 })).items) ids[h.name] = h.id;
    const nightly = await policies.create({ name: 'nightly', mode: 'automatic', patchWindow: { kind: 'daily', at: '02:00', minutes: 120 }, rebootWindow: { kind: 'daily', at: '04:00', minutes: 30 }, deadline: '1d' });
    const byHand = await policies.create({ name: 'by-hand', mode: 'manual' });
    await policies.assign(nightly.id, { customer: acme, tag: 'web' });
    await policies.assign(byHand.id, { customer: acme });
    await advisories.importFeed({ advisories: [{ id: 'DSA-5417-1', source: 'debian', title: 'openssl security update', cves: [], packages: [{ release: 'bookworm', kind: 'source', name: 'openssl', fixedVersion: '3.0.13-1', state: 'fixed' }] }], skipped: {} });
    await advisories.settle();
  });
  afterEach(async () => {
    await advisories.settle();
    await t.cleanup();
  });

  it('counts hosts under an automatic policy awaiting their window until its end plus the deadline, then overdue', async () => {
    const { report: r, byName } = await states();
    const openedAt = Date.parse(byName['web-1']!.packages[0]!.openedAt);
    // The first 02:00–04:00 UTC window ending after the exposure opened, plus one day.
    const todaysEnd = Math.floor(openedAt / day) * day + 4 * hour;
    const due = (openedAt < todaysEnd ? todaysEnd : todaysEnd + day) + day;
    expect(byName['web-1']).toMatchObject({ status: 'awaiting-window', policy: { name: 'nightly', mode: 'automatic' }, awaitingUntil: new Date(due).toISOString() });
    expect(byName['db-1']).toMatchObject({ status: 'open', policy: { name: 'by-hand', mode: 'manual' } });
    expect(r).toMatchObject({ affectedNow: 4, awaitingWindow: 2, open: 2, overdue: 0 });
    expect(r.customers[0]!.policies.map((p) => [p.policy?.name, p.open, p.awaitingWindow])).toEqual([
      ['by-hand', 2, 0],
      ['nightly', 0, 2],
    ]);

    clock = new Date(due - 1);
    expect((await states()).report.awaitingWindow).toBe(2);
    clock = new Date(due);
    const late = await states();
    expect(late.byName['web-2']).toMatchObject({ status: 'overdue', awaitingUntil: new Date(due).toISOString() });
    expect(late.report).toMatchObject({ awaitingWindow: 0, overdue: 2 });
  });

  it('keeps a patched mark provisional until a report shows the fix, and flags a report that contradicts it', async () => {
    await marks.add('alice', { advisory: 'DSA-5417-1', state: 'patched', justification: 'upgraded by hand', target: { hosts: [ids['db-1']!, ids['plain-1']!] } });
    let { byName } = await states();
    expect(byName['db-1']).toMatchObject({ status: 'patched', provisional: true, contradiction: false, mark: { by: 'alice', justification: 'upgraded by hand' } });

    await report('db-1', '3.0.11-1'); // still the vulnerable version, after the mark
    await report('plain-1', '3.0.13-1'); // the fix: the exposure closes by evidence
    ({ byName } = await states());
    expect(byName['db-1']).toMatchObject({ status: 'patched', provisional: false, contradiction: true });
    expect(byName['plain-1']).toBeUndefined();
    const r = (await states()).report;
    expect(r).toMatchObject({ affectedNow: 3, remediated: 1, patched: 2 });
  });

  it("tells the customer what is at risk, what is scheduled and what was done", async () => {
    await marks.add('alice', { advisory: 'DSA-5417-1', state: 'compensated', justification: 'not reachable from outside', target: { customer: acme, tag: 'db' } });
    await report('plain-1', '3.0.13-1');
    const r = await customerReports.report({ customerId: acme }, acme, clock);
    expect(r).toMatchObject({ customer: { id: acme, name: 'Acme' }, hosts: 4, hostsWithoutPolicy: 0, totals: { everAffected: 4, affectedNow: 3, awaitingWindow: 2, compensated: 1, patched: 1 } });
    expect(r.advisories[0]!.hosts.map((h) => [h.name, h.status, h.closeReason])).toEqual([
      ['db-1', 'compensated', null],
      ['plain-1', 'patched', 'upgraded'],
      ['web-1', 'awaiting-window', null],
      ['web-2', 'awaiting-window', null],
    ]);
    expect(r.schedule.map((s) => [s.policy.name, s.hosts.map((h) => h.name)])).toEqual([
      ['by-hand', ['db-1', 'plain-1']],
      ['nightly', ['web-1', 'web-2']],
    ]);
    const nightly = r.schedule[1]!;
    expect(nightly.nextPatchWindow!.start.endsWith('T02:00:00.000Z')).toBe(true);
    expect(Date.parse(nightly.nextPatchWindow!.end) - Date.parse(nightly.nextPatchWindow!.start)).toBe(2 * hour);
    expect(r.schedule[0]!.nextPatchWindow).toBeNull();
    expect(r.done.map((d) => [d.what, d.host?.name ?? `tag ${d.tag}`])).toEqual([
      ['fixed', 'plain-1'],
      ['compensated', 'tag db'],
    ]);
    const other = (await inventory.addCustomer('Other', null)).id;
    await expect(customerReports.report({ customerId: other }, acme)).rejects.toMatchObject({ code: 'not_found' });
    await expect(customerReports.report(unscoped, 999_999)).rejects.toMatchObject({ code: 'not_found' });
  });
});
