import { afterEach, beforeEach, expect, it } from 'vitest';
import { createTestDatabase, describeEachDialect, type TestDatabase } from '../../../test/helpers/databases.js';
import { createLogger } from '../../core/logger.js';
import { EventBus } from '../../core/events.js';
import { createInventory, importHosts, type InventoryService } from '../../inventory/index.js';
import { createAdvisories, type AdvisoryService } from '../../advisories/index.js';
import { MarkService } from './service.js';
import { MarkStore } from './store.js';

describeEachDialect('remediation marks', (dialect) => {
  let t: TestDatabase;
  let inventory: InventoryService;
  let advisories: AdvisoryService;
  let marks: MarkService;
  let acme: number;
  let other: number;
  const hostIds: Record<string, number> = {};
  const logger = createLogger('silent');
  const speaking = async (at?: Date) => {
    const labels = await inventory.hostLabels(Object.values(hostIds));
    const found = await marks.marksFor(labels.map((h) => ({ advisory: 'DSA-5417-1', id: h.id, customerId: h.customerId, tags: h.tags })), at);
    return Object.fromEntries(labels.map((h, i) => [h.name, found[i]?.state ?? null]));
  };

  beforeEach(async () => {
    t = await createTestDatabase(dialect);
    inventory = createInventory(t.db, new EventBus(logger));
    advisories = createAdvisories(t.db, inventory, new EventBus(logger), logger);
    marks = new MarkService(new MarkStore(t.db), inventory, advisories);
    acme = (await inventory.addCustomer('Acme', null)).id;
    other = (await inventory.addCustomer('Other', null)).id;
    await importHosts(inventory.store, 'name,customer,tags\nweb-1,Acme,web|prod\nweb-2,Acme,web\ndb-1,Acme,db\nx-1,Other,web\n');
    for (const h of (await inventory.listHosts({ customerId: null }, {}, 'name', 'asc', { limit: 50, offset: 0 })).items) hostIds[h.name] = h.id;
    await advisories.importFeed({ advisories: [{ id: 'DSA-5417-1', source: 'debian', title: 'openssl', cves: [], packages: [{ release: 'bookworm', kind: 'source', name: 'openssl', fixedVersion: '3.0.9-1', state: 'fixed' }] }], skipped: {} });
  });
  afterEach(async () => {
    await advisories.settle();
    await t.cleanup();
  });

  const mark = (target: Parameters<MarkService['add']>[1]['target'], state: 'patched' | 'compensated' | 'accepted-risk' | 'not-applicable' = 'compensated', extra = {}) =>
    marks.add('alice', { advisory: 'DSA-5417-1', state, justification: 'WAF rule 7 blocks it', target, ...extra });

  it('lets the most specific mark in force speak for each host: host over customer tag over customer', async () => {
    await mark({ customer: acme }, 'accepted-risk');
    await mark({ customer: acme, tag: 'web' }, 'compensated');
    await mark({ hosts: [hostIds['web-1']!] }, 'patched');
    expect(await speaking()).toEqual({ 'db-1': 'accepted-risk', 'web-1': 'patched', 'web-2': 'compensated', 'x-1': null });
    expect((await marks.list({ customerId: null }, { scope: 'customer-tag' })).map((m) => [m.state, m.tag])).toEqual([['compensated', 'web']]);
  });

  it('covers hosts that join the customer or get the tag later', async () => {
    await mark({ customer: acme, tag: 'db' });
    await importHosts(inventory.store, 'name,customer,tags\ndb-2,Acme,db\n');
    hostIds['db-2'] = (await inventory.listHosts({ customerId: null }, { q: 'db-2' }, 'name', 'asc', { limit: 5, offset: 0 })).items[0]!.id;
    expect(await speaking()).toMatchObject({ 'db-1': 'compensated', 'db-2': 'compensated', 'web-1': null });
  });

  it('records a removal instead of erasing, and a removed or expired mark no longer speaks', async () => {
    const [m] = await mark({ customer: acme });
    await marks.remove('bob', m!.id);
    expect(await speaking()).toMatchObject({ 'web-1': null });
    const audit = await marks.audit({ customerId: null }, m!.id);
    expect(audit.map((a) => [a.action, a.actor])).toEqual([
      ['created', 'alice'],
      ['removed', 'bob'],
    ]);
    expect(audit[1]!.mark).toMatchObject({ removed_by: 'bob', state: 'compensated' });
    await expect(marks.remove('bob', m!.id)).rejects.toMatchObject({ code: 'conflict' });
    expect((await marks.list({ customerId: null }, { includeRemoved: true })).map((r) => r.id)).toEqual([m!.id]);
    const soon = new Date(Date.now() + 60_000).toISOString();
    await mark({ customer: acme }, 'compensated', { expiresAt: soon });
    expect(await speaking()).toMatchObject({ 'web-1': 'compensated' });
    expect(await speaking(new Date(Date.now() + 120_000))).toMatchObject({ 'web-1': null, 'db-1': null });
  });

  it('refuses a tag of another customer, an expiry in the past, an unknown advisory, state or host, and no justification', async () => {
    await expect(mark({ customer: other, tag: 'db' })).rejects.toThrow(/customer \d+ has no tag "db" \(a mark may name only the customer's own tags\)/);
    await expect(mark({ customer: acme }, 'compensated', { expiresAt: '2020-01-01T00:00:00Z' })).rejects.toThrow(/expiresAt: 2020-01-01T00:00:00Z is not in the future/);
    await expect(marks.add('alice', { advisory: 'DSA-0000-1', state: 'patched', justification: 'x', target: { customer: acme } })).rejects.toMatchObject({ code: 'not_found' });
    await expect(marks.add('alice', { advisory: 'DSA-5417-1', state: 'fixed' as never, justification: 'x', target: { customer: acme } })).rejects.toThrow(/state: expected one of patched, compensated, accepted-risk, not-applicable/);
    await expect(mark({ hosts: [999_999] })).rejects.toMatchObject({ code: 'not_found' });
    await expect(marks.add('alice', { advisory: 'DSA-5417-1', state: 'patched', justification: '  ', target: { customer: acme } })).rejects.toThrow(/justification: say why/);
    expect(await marks.list({ customerId: null }, {})).toEqual([]);
  });

  it('marks many hosts at once, all or nothing, and shows customer users only their own marks', async () => {
    await expect(mark({ hosts: [hostIds['web-1']!, 999_999] }, 'patched')).rejects.toMatchObject({ code: 'not_found' });
    expect(await marks.list({ customerId: null }, {})).toEqual([]);
    await mark({ hosts: [hostIds['web-1']!, hostIds['web-2']!, hostIds['x-1']!] }, 'patched');
    expect((await marks.list({ customerId: acme }, {})).map((m) => m.host_id).sort()).toEqual([hostIds['web-1'], hostIds['web-2']].sort());
    await expect(marks.audit({ customerId: other }, (await marks.list({ customerId: acme }, {}))[0]!.id)).rejects.toMatchObject({ code: 'not_found' });
  });
});
