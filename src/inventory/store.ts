// All SQL of the inventory. Queries are written once for both dialects; the only dialect-specific paths are the
// bulk writes of host reports (PostgreSQL takes arrays via unnest, SQLite wide multi-row inserts) and row locks.
import { type Kysely, sql } from 'kysely';
import { type Db, relaxedTransaction, tables } from '../core/db/database.js';
import type { Scope } from '../core/auth/permissions.js';
import type { ReportedPackage } from './report.js';
import { packageKey } from './digest.js';
import type { ChangeKind, InventoryTables, RunKind } from './schema.js';
import { bumpGeneration } from '../core/db/generations.js';
import { bulkInsert, bulkLookupIds, inIds, insertWithChildren, type BulkColumn } from '../core/db/bulk.js';
import { decodeIds, decodeSet, encodeSet, type PackageSet } from './package-set.js';
import { groupBy } from '../core/group-by.js';

const text = (name: string): BulkColumn => ({ name, type: 'text' });
const packageVersionColumns = [text('key'), text('name'), text('version'), text('source'), text('source_version'), text('arch')];
const packageChangeColumns = [text('change'), text('name'), text('arch'), text('old_version'), text('new_version')];

export type K = Kysely<InventoryTables>;

export interface HostRow {
  id: number;
  name: string;
  customerId: number | null;
  customerName: string | null;
  architecture: string | null;
  osId: string | null;
  osVersion: string | null;
  osCodename: string | null;
  kernel: string | null;
  machineId: string | null;
  firstSeen: string;
  lastSeen: string | null;
  present: boolean;
  packageCount: number;
  attributes: string;
}

export interface HostFilter {
  q?: string;
  customerId?: number;
  tag?: string;
  release?: string;
  present?: boolean;
}

export const hostSortColumns = {
  name: 'hosts.name',
  customer: 'customers.name',
  release: 'hosts.os_codename',
  lastSeen: 'hosts.last_seen',
  packageCount: 'hosts.package_count',
} as const;
export type HostSort = keyof typeof hostSortColumns;

export interface Page {
  limit: number;
  offset: number;
}

export interface ChangeRow {
  change: ChangeKind;
  name: string;
  arch: string;
  oldVersion: string | null;
  newVersion: string | null;
}



const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export class InventoryStore {
  readonly k: K;
  /** `executor` is set for the store's view inside a transaction. */
  constructor(
    readonly db: Db,
    executor?: K,
  ) {
    this.k = executor ?? tables<InventoryTables>(db);
  }

  /**
   * `relaxedDurability`: on PostgreSQL, commit without waiting for the WAL flush. For host reports only: a report
   * lost to a database crash in the last fraction of a second is simply sent again by its agent (whose next
   * differential report no longer matches and falls back to a full one), so waiting for the disk buys nothing.
   */
  transaction<T>(fn: (store: InventoryStore) => Promise<T>, options: { relaxedDurability?: boolean } = {}): Promise<T> {
    const inStore = (trx: K) => fn(new InventoryStore(this.db, trx));
    return options.relaxedDurability ? relaxedTransaction(this.db, inStore) : this.k.transaction().execute(inStore);
  }

  // ---- customers, aliases, tags ----

  async insertCustomer(name: string, contacts: string | null, at: string): Promise<number> {
    const r = await this.k.insertInto('customers').values({ name, contacts, created_at: at }).returning('id').executeTakeFirstOrThrow();
    return r.id;
  }

  async insertAliases(customerId: number, aliases: string[]): Promise<void> {
    if (aliases.length === 0) return;
    await this.k
      .insertInto('customer_aliases')
      .values(aliases.map((alias) => ({ alias: alias.toLowerCase(), customer_id: customerId })))
      .execute();
  }

  async deleteAlias(alias: string): Promise<boolean> {
    const r = await this.k.deleteFrom('customer_aliases').where('alias', '=', alias.toLowerCase()).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }

  async updateContacts(id: number, contacts: string | null): Promise<void> {
    await this.k.updateTable('customers').set({ contacts }).where('id', '=', id).execute();
  }

  listCustomers(scope: Scope) {
    let q = this.k
      .selectFrom('customers')
      .select((e) => [
        'customers.id',
        'customers.name',
        'customers.contacts',
        e.selectFrom('hosts').whereRef('hosts.customer_id', '=', 'customers.id').select(e.fn.countAll<number>().as('n')).as('hostCount'),
      ])
      .orderBy('customers.name');
    if (scope.customerId !== null) q = q.where('customers.id', '=', scope.customerId);
    return q.execute();
  }

  aliasesOf = async (customerIds: number[]): Promise<Map<number, string[]>> => {
    if (customerIds.length === 0) return new Map();
    const rows = await this.k.selectFrom('customer_aliases').selectAll().where('customer_id', 'in', customerIds).orderBy('alias').execute();
    return groupBy(rows, (r) => r.customer_id, (r) => r.alias);
  };

  findCustomerById = (id: number) => this.k.selectFrom('customers').select(['id', 'name']).where('id', '=', id).executeTakeFirst();

  /** A customer by its name or one of its aliases, ignoring case. */
  async findCustomerByNameOrAlias(nameOrAlias: string): Promise<{ id: number; name: string } | undefined> {
    const lower = nameOrAlias.toLowerCase();
    const byName = await this.k
      .selectFrom('customers')
      .select(['id', 'name'])
      .where(sql<string>`lower(name)`, '=', lower)
      .executeTakeFirst();
    if (byName) return byName;
    return this.k
      .selectFrom('customer_aliases')
      .innerJoin('customers', 'customers.id', 'customer_aliases.customer_id')
      .select(['customers.id', 'customers.name'])
      .where('customer_aliases.alias', '=', lower)
      .executeTakeFirst();
  }

  listTags(scope: Scope, customerId?: number) {
    let q = this.k
      .selectFrom('tags')
      .innerJoin('customers', 'customers.id', 'tags.customer_id')
      .select(['tags.id', 'tags.customer_id as customerId', 'customers.name as customerName', 'tags.name'])
      .orderBy('customers.name')
      .orderBy('tags.name');
    if (scope.customerId !== null) q = q.where('tags.customer_id', '=', scope.customerId);
    if (customerId !== undefined) q = q.where('tags.customer_id', '=', customerId);
    return q.execute();
  }

  /** Tag ids for names of one customer, creating the missing tags. */
  async ensureTags(customerId: number, names: string[]): Promise<number[]> {
    if (names.length === 0) return [];
    await this.k
      .insertInto('tags')
      .values(names.map((name) => ({ customer_id: customerId, name })))
      .onConflict((oc) => oc.columns(['customer_id', 'name']).doNothing())
      .execute();
    const rows = await this.k.selectFrom('tags').select('id').where('customer_id', '=', customerId).where('name', 'in', names).execute();
    return rows.map((r) => r.id);
  }

  /**
   * Says hosts came, or their names, customers, releases or tags changed (see core/db/generations.ts): what the
   * reports show of hosts. A report that only repeats them says nothing, so it leaves cached reports standing.
   */
  labelsChanged = () => bumpGeneration(this.k, 'inventory');

  async setHostTags(hostId: number, tagIds: number[]): Promise<void> {
    await this.k.deleteFrom('host_tags').where('host_id', '=', hostId).execute();
    if (tagIds.length > 0) {
      await this.k.insertInto('host_tags').values(tagIds.map((tag_id) => ({ host_id: hostId, tag_id }))).execute();
    }
  }

  async tagsOf(hostIds: number[]): Promise<Map<number, string[]>> {
    if (hostIds.length === 0) return new Map();
    const rows = await this.k
      .selectFrom('host_tags')
      .innerJoin('tags', 'tags.id', 'host_tags.tag_id')
      .select(['host_tags.host_id as hostId', 'tags.name'])
      .where(inIds(this.db, 'host_tags.host_id', hostIds))
      .orderBy('tags.name')
      .execute();
    return groupBy(rows, (r) => r.hostId, (r) => r.name);
  }

  // ---- hosts ----

  private hostQuery() {
    return this.k
      .selectFrom('hosts')
      .leftJoin('customers', 'customers.id', 'hosts.customer_id')
      .select([
        'hosts.id',
        'hosts.name',
        'hosts.customer_id as customerId',
        'customers.name as customerName',
        'hosts.architecture',
        'hosts.os_id as osId',
        'hosts.os_version as osVersion',
        'hosts.os_codename as osCodename',
        'hosts.kernel',
        'hosts.machine_id as machineId',
        'hosts.first_seen as firstSeen',
        'hosts.last_seen as lastSeen',
        'hosts.present',
        'hosts.package_count as packageCount',
        'hosts.attributes',
      ]);
  }

  private filtered(scope: Scope, f: HostFilter) {
    let q = this.hostQuery();
    if (scope.customerId !== null) q = q.where('hosts.customer_id', '=', scope.customerId);
    if (f.customerId !== undefined) q = q.where('hosts.customer_id', '=', f.customerId);
    if (f.release) q = q.where((e) => e.or([e('hosts.os_codename', '=', f.release!), e('hosts.os_version', '=', f.release!)]));
    if (f.present !== undefined) q = q.where('hosts.present', '=', f.present ? 1 : 0);
    if (f.tag) {
      const tag = f.tag;
      q = q.where((e) =>
        e.exists(
          e
            .selectFrom('host_tags')
            .innerJoin('tags', 'tags.id', 'host_tags.tag_id')
            .whereRef('host_tags.host_id', '=', 'hosts.id')
            .where('tags.name', '=', tag)
            .select('host_tags.tag_id'),
        ),
      );
    }
    if (f.q) {
      const pattern = likePattern(f.q.toLowerCase());
      q = q.where((e) =>
        e.or([
          e(sql`lower(hosts.name)`, 'like', sql`${pattern} escape '\\'`),
          e(sql`lower(coalesce(hosts.machine_id, ''))`, 'like', sql`${pattern} escape '\\'`),
          e(sql`lower(coalesce(hosts.kernel, ''))`, 'like', sql`${pattern} escape '\\'`),
        ]),
      );
    }
    return q;
  }

  async listHosts(scope: Scope, f: HostFilter, sort: HostSort, order: 'asc' | 'desc', page: Page) {
    const base = this.filtered(scope, f);
    const total = await base
      .clearSelect()
      .select((e) => e.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const rows = await base
      .orderBy(sql.ref(hostSortColumns[sort]), (ob) => (order === 'asc' ? ob.asc().nullsFirst() : ob.desc().nullsLast()))
      .orderBy('hosts.id')
      .limit(page.limit)
      .offset(page.offset)
      .execute();
    return { rows: rows.map(toHostRow), total: Number(total.n) };
  }

  async findHost(scope: Scope, id: number): Promise<HostRow | undefined> {
    let q = this.hostQuery().where('hosts.id', '=', id);
    if (scope.customerId !== null) q = q.where('hosts.customer_id', '=', scope.customerId);
    const row = await q.executeTakeFirst();
    return row && toHostRow(row);
  }

  releaseFacets(scope: Scope) {
    let q = this.k
      .selectFrom('hosts')
      .select((e) => ['os_id as osId', 'os_version as osVersion', 'os_codename as osCodename', e.fn.countAll<number>().as('count')])
      .where('os_codename', 'is not', null)
      .groupBy(['os_id', 'os_version', 'os_codename'])
      .orderBy('os_id')
      .orderBy('os_version');
    if (scope.customerId !== null) q = q.where('customer_id', '=', scope.customerId);
    return q.execute();
  }

  /**
   * The host a report or import refers to — by machine-id first, then by name (a host that never sent one) — in
   * one query, locked for the rest of the transaction on PostgreSQL (SQLite transactions hold the write lock).
   * `withPackageSet` also reads the host's package set, for callers that will need it anyway.
   */
  async findHostForIdentity(name: string, machineId: string | undefined, options: { withPackageSet?: boolean } = {}): Promise<FoundHost | undefined> {
    const keys = machineId ? [`mid:${machineId}`, `name:${name}`] : [`name:${name}`];
    let q = this.k
      .selectFrom('hosts')
      .select(['hosts.id', 'hosts.host_key', 'hosts.packages_hash as packagesHash', 'hosts.name', 'hosts.customer_id', 'hosts.os_id', 'hosts.os_version', 'hosts.os_codename'])
      .where((e) => (machineId ? e('hosts.host_key', 'in', keys) : e.or([e('hosts.host_key', 'in', keys), e('hosts.name', '=', name)])))
      // A machine-id match wins over a name match; among name matches, the host seen last.
      .orderBy(sql`case when hosts.host_key = ${keys[0]} then 0 when hosts.host_key like 'name:%' then 1 else 2 end`)
      .orderBy('hosts.last_seen', (ob) => ob.desc().nullsLast())
      .limit(1);
    if (this.db.dialect === 'postgres') q = q.forUpdate('hosts');
    if (!options.withPackageSet) return q.executeTakeFirst();
    const row = await q
      .leftJoin('host_package_sets', 'host_package_sets.host_id', 'hosts.id')
      .select(['host_package_sets.version_ids', 'host_package_sets.since'])
      .executeTakeFirst();
    if (!row) return undefined;
    const { version_ids, since, ...host } = row;
    return { ...host, set: version_ids && since ? decodeSet({ version_ids, since }) : { ids: [], since: [] } };
  }

  /** Inserts a host, or — when a concurrent report inserted it first — locks that one and reads its digest. */
  async insertHost(values: InsertHost): Promise<{ id: number; packagesHash: string | null }> {
    return this.k
      .insertInto('hosts')
      .values({ ...values, attributes: values.attributes ?? '{}' })
      .onConflict((oc) => oc.column('host_key').doUpdateSet({ name: (e) => e.ref('excluded.name') }))
      .returning(['id', 'packages_hash as packagesHash'])
      .executeTakeFirstOrThrow();
  }

  async updateHost(id: number, values: Partial<InsertHost> & { packages_hash?: string; package_count?: number }): Promise<void> {
    await this.k.updateTable('hosts').set(values).where('id', '=', id).execute();
  }

  async markAbsent(cutoff: string): Promise<number[]> {
    const rows = await this.k
      .updateTable('hosts')
      .set({ present: 0 })
      .where('present', '=', 1)
      .where('last_seen', '<', cutoff)
      .returning('id')
      .execute();
    return rows.map((r) => r.id);
  }

  // ---- packages ----

  async packageSet(hostId: number): Promise<PackageSet> {
    const row = await this.k.selectFrom('host_package_sets').select(['version_ids', 'since']).where('host_id', '=', hostId).executeTakeFirst();
    return row ? decodeSet(row) : { ids: [], since: [] };
  }

  /** Details of a few package versions (the ones a report removed). */
  async packageVersions(ids: number[]): Promise<ReportedPackage[]> {
    if (ids.length === 0) return [];
    return this.k
      .selectFrom('package_versions')
      .select(['name', 'version', 'source', 'source_version as sourceVersion', 'arch'])
      .where(inIds(this.db, 'id', ids))
      .execute();
  }

  async pageHostPackages(hostId: number, q: string | undefined, page: Page) {
    const set = await this.packageSet(hostId);
    let base = this.k.selectFrom('package_versions').where(inIds(this.db, 'package_versions.id', set.ids));
    if (q) {
      const pattern = likePattern(q.toLowerCase());
      base = base.where((e) =>
        e.or([
          e('package_versions.name', 'like', sql<string>`${pattern} escape '\\'`),
          e('package_versions.source', 'like', sql<string>`${pattern} escape '\\'`),
        ]),
      );
    }
    const total = await base.select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const rows = await base
      .select(['id', 'name', 'version', 'source', 'source_version as sourceVersion', 'arch'])
      .orderBy('name')
      .orderBy('arch')
      .limit(page.limit)
      .offset(page.offset)
      .execute();
    const sinceOf = new Map(set.ids.map((id, i) => [id, set.since[i]!]));
    const items = rows.map(({ id, ...p }) => ({ ...p, since: new Date(sinceOf.get(id)! * 1000).toISOString() }));
    return { items, total: Number(total.n) };
  }

  /** Ids of known package tuples by key (unknown keys are absent). Call inside a transaction. */
  knownVersionIds = (keys: string[]): Promise<Map<string, number>> => bulkLookupIds(this.db, this.k, 'package_versions', 'key', keys);

  /** Ids of the given package tuples, inserting those never seen before. Call inside a transaction. */
  async ensurePackageVersions(pkgs: ReportedPackage[]): Promise<Map<string, number>> {
    const rows = pkgs.map((p) => [packageKey(p), p.name, p.version, p.source, p.sourceVersion, p.arch]);
    await bulkInsert(this.db, this.k, 'package_versions', packageVersionColumns, rows, { ignoreConflicts: true });
    return bulkLookupIds(this.db, this.k, 'package_versions', 'key', rows.map((r) => r[0] as string));
  }

  // ---- what other modules read: advisory matching, reports ----

  /** Release, running kernel, presence and package-version ids of every host, or of these. */
  async hostsForMatching(hostIds?: number[]): Promise<MatchingHost[]> {
    let q = this.k
      .selectFrom('hosts')
      .leftJoin('host_package_sets', 'host_package_sets.host_id', 'hosts.id')
      .select(['hosts.id', 'hosts.os_codename as release', 'hosts.os_id as osId', 'hosts.os_version as osVersion', 'hosts.kernel', 'hosts.present', 'hosts.packages_hash as digest', 'host_package_sets.version_ids']);
    if (hostIds) q = q.where(inIds(this.db, 'hosts.id', hostIds));
    const rows = await q.orderBy('hosts.id').execute();
    return rows.map(({ version_ids, present, ...r }) => ({ ...r, present: present === 1, packageIds: version_ids ? decodeIds(version_ids) : [] }));
  }

  /** Changes whenever a host is added, reports, or is marked absent: whether a cache of hosts needs to look again. */
  async hostsMark(): Promise<string> {
    const r = await this.k
      .selectFrom('hosts')
      .select((e) => [e.fn.countAll<number>().as('n'), e.fn.max('last_seen').as('seen'), e.fn.sum<number>('present').as('present')])
      .executeTakeFirstOrThrow();
    return `${Number(r.n)}/${r.seen ?? ''}/${Number(r.present ?? 0)}`;
  }

  /** Every host's digest of its package set, release, kernel and presence: what tells a cache what to read again. */
  hostDigests() {
    return this.k
      .selectFrom('hosts')
      .select(['id', 'packages_hash as digest', 'os_codename as release', 'os_id as osId', 'os_version as osVersion', 'kernel', 'present'])
      .execute()
      .then((rows) => rows.map((r) => ({ ...r, present: r.present === 1 })));
  }

  /** Package-version tuples by id. */
  packageTuples(ids: number[]) {
    if (ids.length === 0) return Promise.resolve([]);
    return this.k
      .selectFrom('package_versions')
      .select(['id', 'name', 'version', 'arch', 'source', 'source_version as sourceVersion'])
      .where(inIds(this.db, 'id', ids))
      .execute();
  }

  /** Ids of the package versions built from these sources or named so: what advisories on these names can hit. */
  async packageIdsByName(names: string[]): Promise<number[]> {
    if (names.length === 0) return [];
    // Two lookups, each along its own index, rather than one OR that scans every package version.
    const ids = new Set<number>();
    for (let i = 0; i < names.length; i += 500) {
      const chunk = names.slice(i, i + 500);
      for (const column of ['source', 'name'] as const) {
        for (const r of await this.k.selectFrom('package_versions').select('id').where(column, 'in', chunk).execute()) ids.add(r.id);
      }
    }
    return [...ids];
  }

  /** Name, customer, tags and presence of these hosts, for reports. */
  async hostLabels(hostIds: number[]): Promise<HostLabel[]> {
    if (hostIds.length === 0) return [];
    const rows = await this.k
      .selectFrom('hosts')
      .leftJoin('customers', 'customers.id', 'hosts.customer_id')
      .select(['hosts.id', 'hosts.name', 'hosts.customer_id as customerId', 'customers.name as customerName', 'hosts.os_codename as release', 'hosts.present', 'hosts.last_seen as lastSeen'])
      .where(inIds(this.db, 'hosts.id', hostIds))
      .execute();
    const tags = await this.tagsOf(hostIds);
    return rows.map((r) => ({ ...r, present: r.present === 1, tags: tags.get(r.id) ?? [] }));
  }

  /** Ids of the hosts a caller may see (all for staff). */
  async visibleHostIds(scope: Scope): Promise<number[] | null> {
    if (scope.customerId === null) return null;
    const rows = await this.k.selectFrom('hosts').select('id').where('customer_id', '=', scope.customerId).execute();
    return rows.map((r) => r.id);
  }

  // ---- for other modules: patching policies (remediation) ----

  /** The names of these customers by id; ids that name no customer are left out. */
  async customerNames(customerIds: number[]): Promise<Map<number, string>> {
    if (customerIds.length === 0) return new Map();
    const rows = await this.k.selectFrom('customers').select(['id', 'name']).where(inIds(this.db, 'id', customerIds)).execute();
    return new Map(rows.map((r) => [r.id, r.name]));
  }
  // ---- end of: for other modules ----

  // ---- history ----

  /**
   * One discovery run with its changes, the host's new package set and its updated row: one statement on
   * PostgreSQL (see insertWithChildren). Returns the run's id.
   */
  saveRun(
    run: { hostId: number; at: string; kind: RunKind; added: number; removed: number; upgraded: number },
    changes: ChangeRow[],
    set: PackageSet,
    host: Partial<InsertHost> & { packages_hash: string; package_count: number },
  ): Promise<number> {
    const values = encodeSet(set);
    const saveSet = this.k
      .insertInto('host_package_sets')
      .values({ host_id: run.hostId, ...values })
      .onConflict((oc) => oc.column('host_id').doUpdateSet(values));
    const updateHost = this.k.updateTable('hosts').set(host).where('id', '=', run.hostId);
    return insertWithChildren(
      this.db,
      this.k,
      { table: 'discovery_runs', values: { host_id: run.hostId, at: run.at, kind: run.kind, added: run.added, removed: run.removed, upgraded: run.upgraded } },
      { table: 'package_changes', parentColumn: 'run_id', columns: packageChangeColumns, rows: changes.map((c) => [c.change, c.name, c.arch, c.oldVersion, c.newVersion]) },
      [saveSet, updateHost],
    );
  }

  async history(hostId: number, page: Page) {
    const total = await this.k
      .selectFrom('discovery_runs')
      .select((e) => e.fn.countAll<number>().as('n'))
      .where('host_id', '=', hostId)
      .executeTakeFirstOrThrow();
    const runs = await this.k
      .selectFrom('discovery_runs')
      .select(['id', 'at', 'kind', 'added', 'removed', 'upgraded'])
      .where('host_id', '=', hostId)
      .orderBy('id', 'desc')
      .limit(page.limit)
      .offset(page.offset)
      .execute();
    const changes = runs.length
      ? await this.k
          .selectFrom('package_changes')
          .select(['run_id as runId', 'change', 'name', 'arch', 'old_version as oldVersion', 'new_version as newVersion'])
          .where('run_id', 'in', runs.map((r) => r.id))
          .orderBy('name')
          .execute()
      : [];
    return { runs, changes, total: Number(total.n) };
  }
}

export interface MatchingHost {
  id: number;
  /** OS codename as reported (bookworm, jammy); null when the host never said. */
  release: string | null;
  /** os-release ID and VERSION_ID (debian 12), for hosts that name no codename. */
  osId: string | null;
  osVersion: string | null;
  kernel: string | null;
  present: boolean;
  /** The digest of its package set: changes exactly when the set does. */
  digest: string | null;
  packageIds: number[];
}

export interface HostLabel {
  id: number;
  name: string;
  lastSeen: string | null;
  customerId: number | null;
  customerName: string | null;
  release: string | null;
  present: boolean;
  tags: string[];
}

export interface FoundHost {
  id: number;
  host_key: string;
  packagesHash: string | null;
  /** What reports show of a host besides its packages: a report that changes one says so (labelsChanged). */
  name: string;
  customer_id: number | null;
  os_id: string | null;
  os_version: string | null;
  os_codename: string | null;
  /** Read only when asked for (`withPackageSet`). */
  set?: PackageSet;
}

export type InsertHost = {
  host_key: string;
  name: string;
  customer_id?: number | null;
  architecture?: string | null;
  os_id?: string | null;
  os_version?: string | null;
  os_codename?: string | null;
  kernel?: string | null;
  machine_id?: string | null;
  first_seen: string;
  last_seen?: string | null;
  present?: number;
  attributes?: string;
};

function toHostRow(r: Omit<HostRow, 'present'> & { present: number }): HostRow {
  return { ...r, present: r.present === 1, packageCount: Number(r.packageCount) };
}
