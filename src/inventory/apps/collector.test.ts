import { sql } from 'kysely';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/helpers/databases.js';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/databases.js';
import { unscoped } from '../../core/auth/permissions.js';
import { createLogger } from '../../core/logger.js';
import { Collector } from './collector.js';
import { AppStore } from './store.js';
import type { ReceivedUpdate } from './udp-messages.js';

const t0 = Date.parse('2026-12-01T10:00:00Z');
const update = (ver: string, at: number, over: Partial<ReceivedUpdate> = {}): ReceivedUpdate => ({
  appId: 'billing',
  app: 'Billing',
  ver,
  host: 'web-1',
  instance: 0,
  appData: null,
  hostIp: '192.0.2.10',
  at,
  ...over,
});

describeEachDialect('app version collector', (dialect) => {
  let t: TestDatabase;
  let store: AppStore;
  let collector: Collector;
  const newCollector = async () => {
    // Flushes only when told to: each test decides when a batch is written.
    const c = new Collector(store, { flushMs: 3_600_000, touchMs: 3_600_000, reverseLookup: false, forgetAfterMs: 86_400_000 }, createLogger('silent'));
    await c.start();
    return c;
  };
  const records = async () => (await store.records(unscoped, {}, 'host', 'asc', null)).rows;
  const history = () => store.history(unscoped, {}, undefined, null);
  const count = async (table: string) => Number((await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(store.k)).rows[0]!.n);

  beforeEach(async () => {
    t = await createTestDatabase(dialect);
    store = new AppStore(t.db);
    collector = await newCollector();
  });
  afterEach(async () => {
    await collector.stop();
    await t.cleanup();
  });

  it('writes a new record with a history row, and a repeat of its version only as a later last_seen', async () => {
    await collector.accept([update('1.0', t0)]);
    await collector.flush();
    await collector.accept([update('1.0', t0 + 5000)]);
    await collector.flush();
    const [r] = await records();
    expect(r).toMatchObject({ ver: '1.0', firstSeen: new Date(t0).toISOString(), lastSeen: new Date(t0 + 5000).toISOString(), versionSince: new Date(t0).toISOString() });
    expect(await history()).toEqual([expect.objectContaining({ kind: 'seen', ver: '1.0', previousVer: null, at: new Date(t0).toISOString() })]);
    expect(collector.metrics).toMatchObject({ writtenInFull: 1, touched: 1, flushes: 2 });
  });

  it('records a version change with the version before, and moves version_since', async () => {
    await collector.accept([update('1.0', t0)]);
    await collector.flush();
    await collector.accept([update('1.1', t0 + 60_000)]);
    await collector.flush();
    expect((await records())[0]).toMatchObject({ ver: '1.1', firstSeen: new Date(t0).toISOString(), versionSince: new Date(t0 + 60_000).toISOString() });
    expect((await history()).map((h) => [h.ver, h.previousVer])).toEqual([
      ['1.0', null],
      ['1.1', '1.0'],
    ]);
  });

  it('writes a burst of updates as one batch: the last update of each record, no write per update', async () => {
    const burst: ReceivedUpdate[] = [];
    for (let i = 0; i < 1000; i++) burst.push(update(i < 990 ? '1.0' : '2.0', t0 + i, { host: `web-${i % 100}` }));
    for (let i = 0; i < burst.length; i += 100) await collector.accept(burst.slice(i, i + 100));
    expect(collector.metrics.pendingChanges).toBe(100);
    await collector.flush();
    expect(collector.metrics.flushes).toBe(1);
    const rows = await records();
    expect(rows).toHaveLength(100);
    // Hosts web-90…web-99 were last told 2.0; the others 1.0; each record appears once in the history.
    expect(rows.filter((r) => r.ver === '2.0').map((r) => r.host).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `web-${90 + i}`).sort());
    expect(await count('app_version_history')).toBe(100);
    // Repeating all of them again writes no history at all.
    await collector.accept(burst.slice(-100).map((u) => ({ ...u, at: u.at + 10_000 })));
    await collector.flush();
    expect(await count('app_version_history')).toBe(100);
    expect(collector.metrics.touched).toBe(100);
  });

  it('knows the stored versions after a restart: a repeat writes no history', async () => {
    await collector.accept([update('1.0', t0)]);
    await collector.stop();
    collector = await newCollector();
    await collector.accept([update('1.0', t0 + 1000)]);
    await collector.flush();
    expect(await count('app_version_history')).toBe(1);
    expect(collector.metrics).toMatchObject({ touched: 1, writtenInFull: 0 });
  });

  it('loses no change when another replica changed the record meanwhile', async () => {
    const other = await newCollector();
    try {
      await collector.accept([update('1.0', t0)]);
      await collector.flush();
      await other.accept([update('2.0', t0 + 1000)]);
      await other.flush();
      // This replica still believes 1.0; its repeat of 1.0 is a change back, not a mere last_seen.
      await collector.accept([update('1.0', t0 + 2000)]);
      await collector.flush();
      expect((await records())[0]!.ver).toBe('1.0');
      expect((await history()).map((h) => h.ver)).toEqual(['1.0', '2.0', '1.0']);
    } finally {
      await other.stop();
    }
  });

  it('writes a record again after it was trimmed from the live view, keeping the history', async () => {
    await collector.accept([update('1.0', t0)]);
    await collector.flush();
    expect(await store.transaction((tx) => tx.drop(new Date(t0 + 10_000).toISOString(), new Date(t0 + 5000).toISOString()))).toBe(1);
    expect(await records()).toEqual([]);
    await collector.accept([update('1.0', t0 + 20_000)]);
    await collector.flush();
    expect(await records()).toHaveLength(1);
    expect((await history()).map((h) => h.kind)).toEqual(['seen', 'gone', 'seen']);
  });

  it('keeps a batch whose write failed and writes it with the next flush', async () => {
    await collector.accept([update('1.0', t0)]);
    await sql`alter table app_records rename to app_records_away`.execute(store.k);
    await collector.flush();
    expect(collector.metrics).toMatchObject({ flushErrors: 1, pendingChanges: 1 });
    await collector.accept([update('1.0', t0 + 1, { host: 'web-2' })]);
    await sql`alter table app_records_away rename to app_records`.execute(store.k);
    await collector.flush();
    expect((await records()).map((r) => r.host)).toEqual(['web-1', 'web-2']);
    expect(collector.metrics.pendingChanges).toBe(0);
  });
});
