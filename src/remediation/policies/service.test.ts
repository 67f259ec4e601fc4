// PolicyService on both dialects: defining policies, assigning them to customers and customers' tags, which one each
// host follows, what customer users may read, and until when an exposure awaits its window.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createTestDatabase, describeEachDialect, type TestDatabase } from '../../../test/helpers/databases.js';
import { createLogger } from '../../core/logger.js';
import { EventBus } from '../../core/events.js';
import { unscoped } from '../../core/auth/permissions.js';
import { createInventory, importHosts, type InventoryService } from '../../inventory/index.js';
import type { PolicyInput } from './definition.js';
import { PolicyService } from './service.js';
import { PolicyStore } from './store.js';

const nightly: PolicyInput = {
  name: 'nightly',
  mode: 'automatic',
  timeZone: 'Europe/Zurich',
  installs: 'security',
  patchWindow: { kind: 'daily', at: '02:00', minutes: 120 },
  rebootWindow: { kind: 'weekly', days: ['sun'], at: '04:00', minutes: 60 },
  deadline: '2d',
};
const byHand: PolicyInput = { name: 'by-hand', mode: 'manual' };
const weekly: PolicyInput = { name: 'web-weekly', mode: 'automatic', patchWindow: { kind: 'weekly', days: ['thu', 'mon'], at: '22:30', minutes: 90 }, rebootWindow: { kind: 'cron', expression: '0 3 * * 0', minutes: 60 }, installs: 'all', deadline: '0' };

describeEachDialect('patching policies', (dialect) => {
  let t: TestDatabase;
  let inventory: InventoryService;
  let policies: PolicyService;
  let acme: number;
  let other: number;
  const hostIds: Record<string, number> = {};
  const logger = createLogger('silent');

  /** The policy name each host follows (null: none, patched by hand), and through which tag. */
  const following = async () => {
    const resolved = await policies.policyOfHosts(Object.values(hostIds));
    return Object.fromEntries(Object.entries(hostIds).map(([name, id]) => {
      const p = resolved.get(id);
      return [name, p ? `${p.name}${p.via.tag === null ? '' : ` (${p.via.tag})`}` : null];
    }));
  };

  beforeEach(async () => {
    t = await createTestDatabase(dialect);
    inventory = createInventory(t.db, new EventBus(logger));
    policies = new PolicyService(new PolicyStore(t.db), inventory);
    acme = (await inventory.addCustomer('Acme', null, ['acme-legacy'])).id;
    other = (await inventory.addCustomer('Other', null)).id;
    await importHosts(inventory.store, 'name,customer,tags\nweb-1,Acme,web|prod\nweb-2,Acme,web\ndb-1,Acme,db\nplain-1,Acme,\nx-1,Other,web\nx-db,Other,db\n');
    for (const h of (await inventory.listHosts(unscoped, {}, 'name', 'asc', { limit: 50, offset: 0 })).items) hostIds[h.name] = h.id;
    hostIds.lonely = (await inventory.ingest({ host: { name: 'lonely' }, packages: [] })).hostId;
  });
  afterEach(async () => {
    for (const k of Object.keys(hostIds)) delete hostIds[k];
    await t.cleanup();
  });

  it('creates a policy with its defaults, reads it back and lists policies by name', async () => {
    const created = await policies.create(nightly);
    expect(created).toMatchObject({
      name: 'nightly',
      mode: 'automatic',
      timeZone: 'Europe/Zurich',
      installs: 'security',
      patchWindow: { kind: 'daily', at: '02:00', minutes: 120 },
      rebootWindow: { kind: 'weekly', days: ['sun'], at: '04:00', minutes: 60 },
      deadlineMs: 2 * 86_400_000,
      deadline: '2d',
      assignments: [],
    });
    expect(created.createdAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    const manual = await policies.create({ ...byHand, timeZone: 'america/new_york' });
    // The defaults: security updates, one day's deadline; the zone in its canonical spelling.
    expect(manual).toMatchObject({ mode: 'manual', timeZone: 'America/New_York', installs: 'security', patchWindow: null, rebootWindow: null, deadline: '1d' });
    expect((await policies.create(weekly)).rebootWindow).toEqual({ kind: 'cron', expression: '0 3 * * 0', minutes: 60 });
    expect((await policies.listPolicies(unscoped)).map((p) => p.name)).toEqual(['by-hand', 'nightly', 'web-weekly']);
    expect(await policies.idOf('nightly')).toBe(created.id);
    await expect(policies.idOf('nope')).rejects.toMatchObject({ code: 'not_found' });
  });

  it('shows the next windows of a policy, in its zone, the first possibly in progress', async () => {
    const { id } = await policies.create(nightly);
    // 2026-03-29 is Zurich's spring-forward day: 02:00 CET does not happen, the window opens at the jump (01:00Z).
    const detail = await policies.get(unscoped, id, 3, new Date('2026-03-28T01:30:00Z'));
    expect(detail.upcoming.patch).toEqual([
      { start: '2026-03-28T01:00:00.000Z', end: '2026-03-28T03:00:00.000Z' },
      { start: '2026-03-29T01:00:00.000Z', end: '2026-03-29T03:00:00.000Z' },
      { start: '2026-03-30T00:00:00.000Z', end: '2026-03-30T02:00:00.000Z' },
    ]);
    expect(detail.upcoming.reboot).toEqual([
      { start: '2026-03-29T02:00:00.000Z', end: '2026-03-29T03:00:00.000Z' },
      { start: '2026-04-05T02:00:00.000Z', end: '2026-04-05T03:00:00.000Z' },
      { start: '2026-04-12T02:00:00.000Z', end: '2026-04-12T03:00:00.000Z' },
    ]);
    const manual = await policies.create(byHand);
    expect((await policies.get(unscoped, manual.id)).upcoming).toEqual({ patch: [], reboot: [] });
    await expect(policies.get(unscoped, 9999)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('updates the whole definition and keeps the assignments; refuses a duplicate name with 409', async () => {
    const p = await policies.create(nightly);
    await policies.create(byHand);
    await policies.assign(p.id, { customer: acme });
    const updated = await policies.update(p.id, { ...nightly, name: 'nightly-2', deadline: '12h', patchWindow: { kind: 'cron', expression: '30 2 * * 1-5', minutes: 60 } });
    expect(updated).toMatchObject({ id: p.id, name: 'nightly-2', deadline: '12h', patchWindow: { kind: 'cron', expression: '30 2 * * 1-5', minutes: 60 }, assignments: [{ customer: { id: acme, name: 'Acme' }, tag: null }] });
    expect(updated.updatedAt >= p.updatedAt).toBe(true);
    // Its own name again is no conflict; another policy's is.
    await expect(policies.update(p.id, { ...nightly, name: 'nightly-2' })).resolves.toMatchObject({ name: 'nightly-2' });
    await expect(policies.update(p.id, { ...nightly, name: 'by-hand' })).rejects.toMatchObject({ code: 'conflict', status: 409, message: 'a policy named by-hand already exists' });
    await expect(policies.create({ ...byHand, mode: 'automatic', patchWindow: nightly.patchWindow, rebootWindow: nightly.rebootWindow })).rejects.toMatchObject({ code: 'conflict', status: 409 });
    await expect(policies.update(9999, nightly)).rejects.toMatchObject({ code: 'not_found' });
    // A refused update changes nothing.
    await expect(policies.update(p.id, { ...nightly, timeZone: 'Mars/Olympus' })).rejects.toMatchObject({ code: 'unprocessable' });
    expect((await policies.get(unscoped, p.id)).timeZone).toBe('Europe/Zurich');
  });

  it('refuses to remove a policy while it is assigned (409), and removes it once unassigned', async () => {
    const p = await policies.create(nightly);
    await policies.assign(p.id, { customer: 'Acme', tag: 'web' });
    await expect(policies.remove(p.id)).rejects.toMatchObject({ code: 'conflict', status: 409, message: 'policy nightly is still assigned to customer Acme tag web: unassign it first' });
    await policies.unassign(p.id, { customer: acme, tag: 'web' });
    await policies.remove(p.id);
    expect(await policies.listPolicies(unscoped)).toEqual([]);
    await expect(policies.remove(p.id)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('assigns to a customer and to customer+tag: the tag wins, of two tags the one sorting first, nothing → manual', async () => {
    const all = await policies.create(byHand);
    const night = await policies.create(nightly);
    const web = await policies.create(weekly);
    expect(await following()).toEqual({ 'db-1': null, 'plain-1': null, 'web-1': null, 'web-2': null, 'x-1': null, 'x-db': null, lonely: null });
    await policies.assign(all.id, { customer: acme });
    await policies.assign(web.id, { customer: 'Acme', tag: 'web' });
    // By alias, and the tag trimmed.
    await policies.assign(night.id, { customer: 'acme-legacy', tag: ' prod ' });
    expect(await following()).toEqual({
      'db-1': 'by-hand',
      'plain-1': 'by-hand',
      // web-1 has prod and web: prod sorts first.
      'web-1': 'nightly (prod)',
      'web-2': 'web-weekly (web)',
      'x-1': null,
      'x-db': null,
      lonely: null,
    });
    const resolved = (await policies.policyOfHosts([hostIds['web-2']!, 424242])).get(hostIds['web-2']!);
    expect(resolved).toMatchObject({ id: web.id, mode: 'automatic', installs: 'all', via: { customer: { id: acme, name: 'Acme' }, tag: 'web' } });
    expect((await policies.policyOfHosts([424242])).get(424242)).toBeNull();
    // Assigning again the same is no change; a spot taken by another policy is a conflict.
    await policies.assign(all.id, { customer: acme });
    await expect(policies.assign(night.id, { customer: acme })).rejects.toMatchObject({ code: 'conflict', message: 'customer Acme already follows policy by-hand: unassign it first' });
    expect((await policies.get(unscoped, all.id)).assignments).toEqual([{ customer: { id: acme, name: 'Acme' }, tag: null }]);
    expect((await policies.get(unscoped, night.id)).assignments).toEqual([{ customer: { id: acme, name: 'Acme' }, tag: 'prod' }]);
    // Without the tag's assignment, the customer's applies again.
    await policies.unassign(night.id, { customer: acme, tag: 'prod' });
    expect(await following()).toMatchObject({ 'web-1': 'web-weekly (web)' });
    await policies.unassign(web.id, { customer: acme, tag: 'web' });
    expect(await following()).toMatchObject({ 'web-1': 'by-hand', 'web-2': 'by-hand' });
    await expect(policies.unassign(web.id, { customer: acme, tag: 'web' })).rejects.toMatchObject({ code: 'not_found' });
    await expect(policies.unassign(night.id, { customer: acme })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('refuses a tag of another customer, an unknown tag and an unknown customer, with a clear message', async () => {
    const p = await policies.create(nightly);
    // db is a tag of both; prod only of Acme.
    await expect(policies.assign(p.id, { customer: other, tag: 'prod' })).rejects.toMatchObject({
      code: 'unprocessable',
      message: 'tag: customer Other has no tag "prod": "prod" is a tag of Acme, and an assignment\'s tag must be its own customer\'s',
      details: { field: 'tag' },
    });
    await expect(policies.assign(p.id, { customer: 'Other', tag: 'nosuch' })).rejects.toThrow(/^tag: customer Other has no tag "nosuch"$/);
    await expect(policies.assign(p.id, { customer: 'Nobody' })).rejects.toMatchObject({ code: 'unprocessable', message: 'unknown customer "Nobody": not the name or an alias of any customer' });
    await expect(policies.assign(p.id, { customer: 9999 })).rejects.toMatchObject({ code: 'unprocessable', message: 'customer: no customer has id 9999' });
    await expect(policies.assign(9999, { customer: acme })).rejects.toMatchObject({ code: 'not_found' });
    expect((await policies.get(unscoped, p.id)).assignments).toEqual([]);
    // Other's own db tag is fine.
    await policies.assign(p.id, { customer: other, tag: 'db' });
    expect(await following()).toMatchObject({ 'x-db': 'nightly (db)', 'db-1': null });
  });

  it('shows customer users only the policies assigned to them, and only their own hosts’ policy', async () => {
    const mine = await policies.create(nightly);
    const theirs = await policies.create(weekly);
    const unassigned = await policies.create(byHand);
    await policies.assign(mine.id, { customer: acme });
    await policies.assign(theirs.id, { customer: other });
    await policies.assign(mine.id, { customer: other, tag: 'db' });
    const acmeUser = { customerId: acme };
    expect((await policies.listPolicies(acmeUser)).map((p) => [p.name, p.assignments])).toEqual([['nightly', [{ customer: { id: acme, name: 'Acme' }, tag: null }]]]);
    // The other customer's assignment of the same policy is not shown to Acme.
    expect((await policies.get(acmeUser, mine.id)).assignments).toEqual([{ customer: { id: acme, name: 'Acme' }, tag: null }]);
    expect((await policies.get(unscoped, mine.id)).assignments).toHaveLength(2);
    await expect(policies.get(acmeUser, theirs.id)).rejects.toMatchObject({ code: 'not_found' });
    await expect(policies.get(acmeUser, unassigned.id)).rejects.toMatchObject({ code: 'not_found' });
    const own = await policies.hostPolicy(acmeUser, hostIds['web-1']!);
    expect(own).toMatchObject({ policy: { name: 'nightly', assignments: [{ customer: { id: acme }, tag: null }] }, via: { customer: { id: acme, name: 'Acme' }, tag: null } });
    await expect(policies.hostPolicy(acmeUser, hostIds['x-1']!)).rejects.toMatchObject({ code: 'not_found' });
    await expect(policies.hostPolicy(acmeUser, hostIds.lonely!)).rejects.toMatchObject({ code: 'not_found' });
    // A user of a customer with no policies sees none.
    const empty = (await inventory.addCustomer('Empty', null)).id;
    expect(await policies.listPolicies({ customerId: empty })).toEqual([]);
  });

  it("gives a host's policy with its next windows, and null for a host with no customer or no assignment", async () => {
    const p = await policies.create(nightly);
    await policies.assign(p.id, { customer: acme, tag: 'db' });
    // Fall back in Zurich on 2026-10-25: 02:00 happens twice; the window opens at the first (00:00Z, CEST).
    const host = await policies.hostPolicy(unscoped, hostIds['db-1']!, new Date('2026-10-24T12:00:00Z'));
    expect(host).toMatchObject({
      policy: { id: p.id, name: 'nightly', deadline: '2d' },
      via: { customer: { id: acme, name: 'Acme' }, tag: 'db' },
      nextPatchWindow: { start: '2026-10-25T00:00:00.000Z', end: '2026-10-25T02:00:00.000Z' },
      nextRebootWindow: { start: '2026-10-25T03:00:00.000Z', end: '2026-10-25T04:00:00.000Z' },
    });
    const none = { policy: null, via: null, nextPatchWindow: null, nextRebootWindow: null };
    expect(await policies.hostPolicy(unscoped, hostIds['web-1']!)).toEqual(none);
    expect(await policies.hostPolicy(unscoped, hostIds.lonely!)).toEqual(none);
    await expect(policies.hostPolicy(unscoped, 424242)).rejects.toMatchObject({ code: 'not_found' });
    // A manual policy with no windows: the policy, and no windows.
    const manual = await policies.create(byHand);
    await policies.assign(manual.id, { customer: acme });
    expect(await policies.hostPolicy(unscoped, hostIds['web-1']!)).toMatchObject({ policy: { name: 'by-hand', mode: 'manual' }, nextPatchWindow: null, nextRebootWindow: null });
  });

  it('says until when an exposure awaits its window: the end of the first patch window ending after it opened, plus the deadline', async () => {
    const auto = await policies.create({ ...nightly, timeZone: 'UTC', deadline: '2d' });
    const zero = await policies.create({ ...weekly, deadline: '0' });
    const manual = await policies.create({ ...byHand, patchWindow: nightly.patchWindow });
    await policies.assign(auto.id, { customer: acme });
    await policies.assign(zero.id, { customer: acme, tag: 'web' });
    await policies.assign(manual.id, { customer: other });
    const resolved = await policies.policyOfHosts([hostIds['db-1']!, hostIds['web-2']!, hostIds['x-1']!]);
    const until = (host: string, openedAt: string) => policies.awaitingUntil(resolved.get(hostIds[host]!)!, new Date(openedAt))?.toISOString() ?? null;
    // Daily 02:00-04:00 UTC: opened before the window → that window; during it → it (in progress counts); at its end → the next.
    expect(until('db-1', '2026-01-01T01:00:00Z')).toBe('2026-01-03T04:00:00.000Z');
    expect(until('db-1', '2026-01-01T03:59:00Z')).toBe('2026-01-03T04:00:00.000Z');
    expect(until('db-1', '2026-01-01T04:00:00Z')).toBe('2026-01-04T04:00:00.000Z');
    // Mon and Thu 22:30 for 90 min, no deadline: opened on Friday 2026-01-02 → Monday's window ends 2026-01-06 00:00.
    expect(until('web-2', '2026-01-02T12:00:00Z')).toBe('2026-01-06T00:00:00.000Z');
    // Manual: nothing is awaited, even with windows named.
    expect(until('x-1', '2026-01-01T01:00:00Z')).toBeNull();
    expect(policies.nextWindow(resolved.get(hostIds['x-1']!)!, 'patch', new Date('2026-01-01T01:00:00Z'))).toEqual({ start: new Date('2026-01-01T02:00:00Z'), end: new Date('2026-01-01T04:00:00Z') });
    expect(policies.nextWindow(resolved.get(hostIds['x-1']!)!, 'reboot', new Date())).toBeNull();
  });

  it('refuses bad definitions, naming the field, and writes nothing', async () => {
    const refused = async (input: PolicyInput) => {
      const err = await policies.create(input).then(
        () => undefined,
        (e: { code: string; message: string; details: { field: string } }) => e,
      );
      expect(err, JSON.stringify(input)).toBeDefined();
      expect(err!.code).toBe('unprocessable');
      return `${err!.details.field} | ${err!.message}`;
    };
    expect(await refused({ ...nightly, patchWindow: { kind: 'daily', at: '02:00', minutes: 0 } })).toBe('patchWindow.minutes | patchWindow.minutes: a window lasts 1 minute to 7 days (1..10080 minutes), got 0');
    expect(await refused({ ...nightly, rebootWindow: { kind: 'daily', at: '02:00', minutes: 10081 } })).toMatch(/^rebootWindow\.minutes \| rebootWindow\.minutes: a window lasts 1 minute to 7 days/);
    expect(await refused({ ...nightly, timeZone: 'Mars/Olympus' })).toBe('timeZone | timeZone: unknown time zone "Mars/Olympus": expected UTC or an IANA name like Europe/Zurich');
    expect(await refused({ ...nightly, timeZone: '+01:00' })).toMatch(/^timeZone \| timeZone: unknown time zone "\+01:00"/);
    expect(await refused({ ...nightly, patchWindow: { kind: 'cron', expression: '0 0 30 2 *', minutes: 60 } })).toMatch(/^patchWindow\.expression \| .*never fires/);
    expect(await refused({ ...nightly, rebootWindow: { kind: 'cron', expression: '0 0 29 2 *', minutes: 60 } })).toMatch(/^rebootWindow\.expression \| .*fires too rarely/);
    expect(await refused({ ...nightly, deadline: '31d' })).toBe('deadline | deadline: expected 0m to 30d, got "31d"');
    expect(await refused({ ...nightly, deadline: '30d1m' })).toMatch(/^deadline \| deadline: expected a duration like/);
    expect(await refused({ ...nightly, deadline: '90s' })).toBe('deadline | deadline: expected whole minutes, got "90s"');
    expect(await refused({ ...nightly, deadline: '-1d' })).toMatch(/^deadline \|/);
    expect(await refused({ ...nightly, mode: 'sometimes' })).toBe('mode | mode: expected automatic or manual, got "sometimes"');
    expect(await refused({ ...nightly, installs: 'everything' })).toBe('installs | installs: expected security or all, got "everything"');
    expect(await refused({ ...nightly, name: 'has space' })).toMatch(/^name \| name: 1 to 100 letters/);
    expect(await refused({ ...nightly, name: '' })).toMatch(/^name \|/);
    expect(await refused({ ...nightly, patchWindow: null })).toBe('patchWindow | patchWindow: an automatic policy needs a patch window');
    expect(await refused({ ...nightly, rebootWindow: undefined })).toBe('rebootWindow | rebootWindow: an automatic policy needs a reboot window');
    expect(await policies.listPolicies(unscoped)).toEqual([]);
    // The deadline's bounds are allowed: none at all, and 30 days.
    expect((await policies.create({ ...nightly, deadline: '0' })).deadline).toBe('0m');
    expect((await policies.create({ ...nightly, name: 'month', deadline: '30d' })).deadlineMs).toBe(30 * 86_400_000);
    expect((await policies.create({ ...nightly, name: 'ninety', deadline: '1.5h' })).deadline).toBe('90m');
  });
});
