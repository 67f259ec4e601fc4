// All SQL of app versions: the collector's batched writes, trimming, and the reads behind both APIs. Records link
// to inventory hosts whose name or machine-id is the record's host; customer users see only records so linked to
// their customer's hosts.
import { type ExpressionBuilder, type Kysely, sql } from 'kysely';
import { type Db, tables } from '../../core/db/database.js';
import { type BulkColumn, bulkInsert, rowsTable } from '../../core/db/bulk.js';
import type { Scope } from '../../core/auth/permissions.js';
import type { InventoryTables } from '../schema.js';
import type { AppHistoryKind, AppTables } from './schema.js';
import type { ReceivedUpdate } from './udp-messages.js';
import { recordKey } from './update.js';

type T = AppTables & InventoryTables;
type RecordsEb = ExpressionBuilder<T, 'app_records'>;

const text = (name: string): BulkColumn => ({ name, type: 'text' });
const int = (name: string): BulkColumn => ({ name, type: 'int' });
const touchColumns = [int('id'), text('ver'), text('last_seen')];
const updateColumns = [text('app_id'), text('app'), text('host'), int('instance'), text('ver'), text('host_ip'), text('app_data'), text('at')];
const historyColumns = [text('app_id'), text('host'), int('instance'), text('app'), text('kind'), text('ver'), text('previous_ver'), text('at')];

export interface StoredRecord {
  id: number;
  appId: string;
  host: string;
  instance: number;
  app: string;
  ver: string;
  hostIp: string;
  appData: string | null;
}

export interface RecordRow {
  appId: string;
  app: string;
  ver: string;
  host: string;
  instance: number;
  hostIp: string;
  appData: string | null;
  firstSeen: string;
  lastSeen: string;
  versionSince: string;
  hostId: number | null;
}

export interface RecordFilter {
  appId?: string;
  host?: string;
  ver?: string;
  instance?: number;
  /** Records of this inventory host. */
  hostId?: number;
  /** Records whose version changed (or that appeared) at or after this time. */
  since?: string;
  /** Records updated at or after this time. */
  updatedSince?: string;
  /** Text in the app id, host or version. */
  q?: string;
  /** Text in the app's id or name (the search of app summaries). */
  appText?: string;
  /** Text in the host (the search of host summaries). */
  hostText?: string;
}

export type AppFilter = Pick<RecordFilter, 'appText' | 'updatedSince' | 'appId'>;

export const recordSortColumns = {
  app: 'app_records.app_id',
  host: 'app_records.host',
  ver: 'app_records.ver',
  instance: 'app_records.instance',
  lastSeen: 'app_records.last_seen',
  versionSince: 'app_records.version_since',
} as const;
export type RecordSort = keyof typeof recordSortColumns;

export interface Page {
  limit: number;
  offset: number;
}

export interface HistoryRow {
  appId: string;
  host: string;
  instance: number;
  app: string;
  kind: AppHistoryKind;
  ver: string;
  previousVer: string | null;
  at: string;
}

const iso = (ms: number) => new Date(ms).toISOString();
const likePattern = (q: string) => `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The host named in `column` (of records or history) is this inventory host's name or machine-id. */
const linkedVia =
  (column: 'app_records.host' | 'app_version_history.host') =>
  (e: ExpressionBuilder<T, 'hosts'>) =>
    e.or([e('hosts.name', '=', sql.ref<string>(column)), e('hosts.machine_id', '=', sql.ref<string>(column))]);
const linkedTo = linkedVia('app_records.host');

/** Only what is linked to the customer's hosts, for customer users. */
function visibleTo<Q extends { where: (f: (e: ExpressionBuilder<T, 'hosts'>) => unknown) => Q }>(q: Q, scope: Scope, column: Parameters<typeof linkedVia>[0]): Q {
  if (scope.customerId === null) return q;
  const customerId = scope.customerId;
  return q.where((e) => e.exists(e.selectFrom('hosts').select('hosts.id').where('hosts.customer_id', '=', customerId).where(linkedVia(column))));
}

export class AppStore {
  readonly k: Kysely<T>;
  constructor(
    readonly db: Db,
    executor?: Kysely<T>,
  ) {
    this.k = executor ?? tables<T>(db);
  }

  transaction<R>(fn: (store: AppStore) => Promise<R>): Promise<R> {
    return this.k.transaction().execute((trx) => fn(new AppStore(this.db, trx)));
  }

  // ---- the collector's writes ----

  /** Every live record, to tell changes from repeats after a restart. */
  async liveRecords(): Promise<StoredRecord[]> {
    return this.k
      .selectFrom('app_records')
      .select(['id', 'app_id as appId', 'host', 'instance', 'app', 'ver', 'host_ip as hostIp', 'app_data as appData'])
      .execute();
  }

  /**
   * Moves last_seen of records whose version is still the given one (best given in id order, the order of the
   * rows in the table); returns the ids it could not move. A record another replica changed or trimmed meanwhile is
   * not moved, and the caller writes that update in full instead.
   */
  async touch(rows: { id: number; ver: string; at: number }[]): Promise<Set<number>> {
    if (rows.length === 0) return new Set();
    const v = rowsTable(this.db, 'v', touchColumns, rows.map((r) => [r.id, r.ver, iso(r.at)]));
    const r = await sql`update app_records
      set last_seen = case when v.last_seen > app_records.last_seen then v.last_seen else app_records.last_seen end
      from ${v} where app_records.id = v.id and app_records.ver = v.ver`.execute(this.k);
    // Nearly always all of them: only then is there nothing more to ask.
    if (Number(r.numAffectedRows) === rows.length) return new Set();
    const moved = await sql<{ id: number }>`select app_records.id from ${v} join app_records on app_records.id = v.id and app_records.ver = v.ver`.execute(this.k);
    const movedIds = new Set(moved.rows.map((m) => m.id));
    return new Set(rows.filter((row) => !movedIds.has(row.id)).map((row) => row.id));
  }

  /** Writes new and changed records, and a history row for each that appeared or changed version. */
  async upsert(updates: ReceivedUpdate[]): Promise<StoredRecord[]> {
    if (updates.length === 0) return [];
    const rows = updates.map((u) => [u.appId, u.app, u.host, u.instance, u.ver, u.hostIp, u.appData, iso(u.at)]);
    // One table of rows for both statements: built (and on SQLite, serialised) once.
    const v = rowsTable(this.db, 'v', updateColumns, rows);
    await sql`insert into app_version_history (app_id, host, instance, app, kind, ver, previous_ver, at)
      select v.app_id, v.host, v.instance, v.app, 'seen', v.ver, r.ver, v.at
      from ${v}
      left join app_records r on r.app_id = v.app_id and r.host = v.host and r.instance = v.instance
      where r.id is null or r.ver <> v.ver`.execute(this.k);
    // "where true": SQLite needs it to read `on conflict` as the upsert clause after a select.
    const r = await sql<{ id: number; app_id: string; host: string; instance: number }>`insert into app_records
        (app_id, app, host, instance, ver, host_ip, app_data, first_seen, last_seen, version_since)
      select v.app_id, v.app, v.host, v.instance, v.ver, v.host_ip, v.app_data, v.at, v.at, v.at
      from ${v} where true
      on conflict (app_id, host, instance) do update set
        app = excluded.app, host_ip = excluded.host_ip, app_data = excluded.app_data, last_seen = excluded.last_seen,
        version_since = case when app_records.ver = excluded.ver then app_records.version_since else excluded.version_since end,
        ver = excluded.ver
      returning id, app_id, host, instance`.execute(this.k);
    const byKey = new Map(updates.map((u) => [recordKey(u), u]));
    return r.rows.map((row) => {
      const u = byKey.get(recordKey({ appId: row.app_id, host: row.host, instance: row.instance }))!;
      return { id: row.id, appId: u.appId, host: u.host, instance: u.instance, app: u.app, ver: u.ver, hostIp: u.hostIp, appData: u.appData };
    });
  }

  /** Drops records last seen before `cutoff` (all of them without one) from the live view, writing `gone` history. */
  async drop(at: string, cutoff?: string): Promise<number> {
    let q = this.k.deleteFrom('app_records');
    if (cutoff !== undefined) q = q.where('last_seen', '<', cutoff);
    const gone = await q.returning(['app_id', 'host', 'instance', 'app', 'ver']).execute();
    await bulkInsert(this.db, this.k, 'app_version_history', historyColumns, gone.map((g) => [g.app_id, g.host, g.instance, g.app, 'gone', g.ver, null, at]));
    return gone.length;
  }

  // ---- reads ----

  private scoped(scope: Scope) {
    return visibleTo(this.k.selectFrom('app_records'), scope, 'app_records.host');
  }

  private filtered(scope: Scope, f: RecordFilter) {
    let q = this.scoped(scope);
    if (f.appId !== undefined) q = q.where('app_records.app_id', '=', f.appId);
    if (f.host !== undefined) q = q.where('app_records.host', '=', f.host);
    if (f.ver !== undefined) q = q.where('app_records.ver', '=', f.ver);
    if (f.instance !== undefined) q = q.where('app_records.instance', '=', f.instance);
    if (f.since !== undefined) q = q.where('app_records.version_since', '>=', f.since);
    if (f.updatedSince !== undefined) q = q.where('app_records.last_seen', '>=', f.updatedSince);
    if (f.hostId !== undefined) {
      const hostId = f.hostId;
      q = q.where((e) => e.exists(e.selectFrom('hosts').select('hosts.id').where('hosts.id', '=', hostId).where(linkedTo)));
    }
    const like = (text: string, columns: string[]) => {
      const pattern = likePattern(text);
      q = q.where((e) => e.or(columns.map((c) => e(sql`lower(${sql.ref(c)})`, 'like', sql`${pattern} escape '\\'`))));
    };
    if (f.q) like(f.q, ['app_records.app_id', 'app_records.host', 'app_records.ver']);
    if (f.appText) like(f.appText, ['app_records.app_id', 'app_records.app']);
    if (f.hostText) like(f.hostText, ['app_records.host']);
    return q;
  }

  private static hostIdOf(e: RecordsEb) {
    return e.selectFrom('hosts').select('hosts.id').where(linkedTo).orderBy('hosts.id').limit(1).as('hostId');
  }

  async records(scope: Scope, f: RecordFilter, sort: RecordSort, order: 'asc' | 'desc', page: Page | null): Promise<{ rows: RecordRow[]; total: number }> {
    const base = this.filtered(scope, f);
    const total = page ? Number((await base.select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n) : 0;
    let q = base
      .select((e) => [
        'app_records.app_id as appId',
        'app_records.app',
        'app_records.ver',
        'app_records.host',
        'app_records.instance',
        'app_records.host_ip as hostIp',
        'app_records.app_data as appData',
        'app_records.first_seen as firstSeen',
        'app_records.last_seen as lastSeen',
        'app_records.version_since as versionSince',
        AppStore.hostIdOf(e),
      ])
      .orderBy(sql.ref(recordSortColumns[sort]), order)
      .orderBy('app_records.id');
    if (page) q = q.limit(page.limit).offset(page.offset);
    const rows = await q.execute();
    return { rows, total: page ? total : rows.length };
  }

  /** Per app: distinct hosts, records, last update, over the records the filter keeps. */
  appTotals(scope: Scope, f: AppFilter) {
    return this.filtered(scope, f)
      .select((e) => [
        'app_records.app_id as appId',
        sql<number>`count(distinct app_records.host)`.as('hostCount'),
        e.fn.countAll<number>().as('recordCount'),
        e.fn.max('app_records.last_seen').as('lastSeen'),
      ])
      .groupBy('app_records.app_id')
      .execute();
  }

  /** Per app and version: distinct hosts, records, last update, over the same records as `appTotals`. */
  versionTotals(scope: Scope, f: AppFilter, appIds: string[]) {
    if (appIds.length === 0) return Promise.resolve([]);
    return this.filtered(scope, f)
      .where('app_records.app_id', 'in', appIds)
      .select((e) => [
        'app_records.app_id as appId',
        'app_records.ver',
        sql<number>`count(distinct app_records.host)`.as('hostCount'),
        e.fn.countAll<number>().as('recordCount'),
        e.fn.max('app_records.last_seen').as('lastSeen'),
      ])
      .groupBy(['app_records.app_id', 'app_records.ver'])
      .execute();
  }

  /** The names each app was sent under, with when each was last used (the newest is the one shown). */
  appNames(scope: Scope, f: AppFilter, appIds: string[]) {
    if (appIds.length === 0) return Promise.resolve([]);
    return this.filtered(scope, f)
      .where('app_records.app_id', 'in', appIds)
      .select((e) => ['app_records.app_id as appId', 'app_records.app', e.fn.max('app_records.last_seen').as('lastSeen')])
      .groupBy(['app_records.app_id', 'app_records.app'])
      .execute();
  }

  /** Per host: distinct apps, records, last update. */
  hostTotals(scope: Scope, f: Pick<RecordFilter, 'hostText' | 'updatedSince' | 'host'>) {
    return this.filtered(scope, f)
      .select((e) => [
        'app_records.host',
        sql<number>`count(distinct app_records.app_id)`.as('appCount'),
        e.fn.countAll<number>().as('recordCount'),
        e.fn.max('app_records.last_seen').as('lastSeen'),
      ])
      .groupBy('app_records.host')
      .execute();
  }

  /** Inventory host ids for record host names (name or machine-id). */
  async hostIds(names: string[]): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    if (names.length === 0) return out;
    const rows = await this.k
      .selectFrom('hosts')
      .select(['id', 'name', 'machine_id'])
      .where((e) => e.or([e('name', 'in', names), e('machine_id', 'in', names)]))
      .orderBy('id', 'desc')
      .execute();
    for (const r of rows) {
      out.set(r.name, r.id);
      if (r.machine_id) out.set(r.machine_id, r.id);
    }
    return out;
  }

  /** History rows of one app up to `to`, oldest first, scoped like records. */
  async history(scope: Scope, f: { appId?: string; host?: string; instance?: number }, to: string | undefined, page: Page | null, order: 'asc' | 'desc' = 'asc'): Promise<HistoryRow[]> {
    let q = visibleTo(this.k.selectFrom('app_version_history'), scope, 'app_version_history.host');
    if (f.appId !== undefined) q = q.where('app_id', '=', f.appId);
    if (f.host !== undefined) q = q.where('host', '=', f.host);
    if (f.instance !== undefined) q = q.where('instance', '=', f.instance);
    if (to !== undefined) q = q.where('at', '<=', to);
    let s = q
      .select(['app_id as appId', 'host', 'instance', 'app', 'kind', 'ver', 'previous_ver as previousVer', 'at'])
      .orderBy('at', order)
      .orderBy('id', order);
    if (page) s = s.limit(page.limit).offset(page.offset);
    return s.execute();
  }
}
