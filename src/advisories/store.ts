// All SQL of advisories: advisories with their CVEs and packages (written a feed at a time), the index the matcher
// reads, exposures (opened, closed, updated a host at a time), and the reads behind the reports.
import { type Kysely, sql } from 'kysely';
import { type Db, tables } from '../core/db/database.js';
import { type BulkColumn, bulkInsert, inIds } from '../core/db/bulk.js';
import type { ParsedAdvisory } from './model.js';
import type { AdvisoryTables, CloseReason } from './schema.js';
import type { Exposure, ExposureChanges, OpenExposure } from './exposures.js';
import { AdvisoryIndex } from './matcher.js';
import { summaryColumns } from './summary.js';
import { bumpGeneration } from '../core/db/generations.js';
import { groupBy } from '../core/group-by.js';

type K = Kysely<AdvisoryTables>;

const text = (name: string): BulkColumn => ({ name, type: 'text' });
const int = (name: string): BulkColumn => ({ name, type: 'int' });
const packageColumns = [int('advisory'), text('release'), text('kind'), text('name'), text('fixed_version'), text('state'), text('note')];
const cveColumns = [int('advisory'), text('cve')];
const exposureColumns = [
  int('host_id'),
  int('advisory'),
  text('package'),
  text('arch'),
  text('installed_version'),
  text('fixed_version'),
  text('state'),
  int('not_running'),
  text('opened_at'),
];

export interface AdvisoryFilter {
  q?: string;
  release?: string;
  source?: 'debian' | 'ubuntu';
  /** Only advisories with open exposures on these hosts (null: on any host). */
  affecting?: { hostIds: number[] | null };
}

export interface StoredAdvisoryChange {
  id: number;
  advisoryId: string;
  outcome: 'created' | 'updated' | 'unchanged';
  /** (release, name) pairs of its packages before and after: what to evaluate again. */
  names: { release: string; name: string }[];
}

/** What decides an advisory's matching, in a stable order: equal texts, equal advisory. */
const fingerprint = (a: Pick<ParsedAdvisory, 'title' | 'description' | 'issued' | 'severity' | 'cves' | 'packages'>) =>
  JSON.stringify([
    a.title,
    a.description ?? null,
    a.issued ?? null,
    a.severity ?? null,
    [...a.cves].sort(),
    a.packages.map((p) => [p.release, p.kind, p.name, p.fixedVersion, p.state, p.note ?? null]).sort(),
  ]);

export class AdvisoryStore {
  readonly k: K;
  constructor(
    readonly db: Db,
    executor?: K,
  ) {
    this.k = executor ?? tables<AdvisoryTables>(db);
  }

  transaction<T>(fn: (store: AdvisoryStore) => Promise<T>): Promise<T> {
    return this.k.transaction().execute((trx) => fn(new AdvisoryStore(this.db, trx)));
  }

  // ---- advisories ----

  /** Writes a feed's advisories: new ones are created, revised ones replaced, the same ones left alone. */
  async saveAdvisories(parsed: ParsedAdvisory[], at: string): Promise<StoredAdvisoryChange[]> {
    const existing = new Map<string, { id: number; fingerprint: string; names: { release: string; name: string }[] }>();
    for (let i = 0; i < parsed.length; i += 500) {
      const ids = parsed.slice(i, i + 500).map((a) => a.id);
      for (const row of await this.k.selectFrom('advisories').select(['id', 'advisory_id', 'withdrawn_at']).where('advisory_id', 'in', ids).execute()) {
        // A withdrawn advisory that a feed carries again is back, whatever it says: never "unchanged".
        existing.set(row.advisory_id, { id: row.id, fingerprint: row.withdrawn_at === null ? '' : 'withdrawn', names: [] });
      }
    }
    const known = [...existing.values()].map((e) => e.id);
    for (const a of await this.advisoriesForFingerprint(known)) {
      const e = existing.get(a.advisoryId)!;
      if (e.fingerprint !== 'withdrawn') e.fingerprint = fingerprint(a);
      e.names = a.packages.map((p) => ({ release: p.release, name: p.name }));
    }
    const out: StoredAdvisoryChange[] = [];
    const packageRows: unknown[][] = [];
    const cveRows: unknown[][] = [];
    const replaced: number[] = [];
    for (const a of parsed) {
      const before = existing.get(a.id);
      const names = a.packages.map((p) => ({ release: p.release, name: p.name }));
      if (before && before.fingerprint === fingerprint(a)) {
        out.push({ id: before.id, advisoryId: a.id, outcome: 'unchanged', names: [] });
        continue;
      }
      const values = { source: a.source, title: a.title, description: a.description ?? null, issued: a.issued ?? null, severity: a.severity ?? null, updated_at: at, withdrawn_at: null };
      let id: number;
      if (before) {
        id = before.id;
        await this.k.updateTable('advisories').set(values).where('id', '=', id).execute();
        replaced.push(id);
      } else {
        id = (await this.k.insertInto('advisories').values({ ...values, advisory_id: a.id, first_seen: at }).returning('id').executeTakeFirstOrThrow()).id;
      }
      for (const p of a.packages) packageRows.push([id, p.release, p.kind, p.name, p.fixedVersion, p.state, p.note ?? null]);
      for (const cve of new Set(a.cves)) cveRows.push([id, cve]);
      out.push({ id, advisoryId: a.id, outcome: before ? 'updated' : 'created', names: [...(before?.names ?? []), ...names] });
    }
    if (replaced.length > 0) {
      await this.k.deleteFrom('advisory_packages').where(inIds(this.db, 'advisory', replaced)).execute();
      await this.k.deleteFrom('advisory_cves').where(inIds(this.db, 'advisory', replaced)).execute();
    }
    await bulkInsert(this.db, this.k, 'advisory_packages', packageColumns, dedupe(packageRows, 4));
    await bulkInsert(this.db, this.k, 'advisory_cves', cveColumns, cveRows);
    if (out.length > 0) await this.changed();
    return out;
  }

  /** Says the reports' data changed (see core/db/generations.ts): after every write of advisories or exposures. */
  private changed = () => bumpGeneration(this.k, 'advisories');

  private async advisoriesForFingerprint(ids: number[]): Promise<(ParsedAdvisory & { advisoryId: string })[]> {
    if (ids.length === 0) return [];
    const [rows, packages, cves] = await Promise.all([
      this.k.selectFrom('advisories').selectAll().where(inIds(this.db, 'id', ids)).execute(),
      this.k.selectFrom('advisory_packages').selectAll().where(inIds(this.db, 'advisory', ids)).execute(),
      this.k.selectFrom('advisory_cves').selectAll().where(inIds(this.db, 'advisory', ids)).execute(),
    ]);
    return rows.map((r) => ({
      id: r.advisory_id,
      advisoryId: r.advisory_id,
      source: r.source,
      title: r.title,
      description: r.description ?? undefined,
      issued: r.issued ?? undefined,
      severity: r.severity ?? undefined,
      cves: cves.filter((c) => c.advisory === r.id).map((c) => c.cve),
      packages: packages
        .filter((p) => p.advisory === r.id)
        .map((p) => ({ release: p.release, kind: p.kind, name: p.name, fixedVersion: p.fixed_version, state: p.state, note: p.note ?? undefined })),
    }));
  }

  /** The matcher's index of every advisory that is not withdrawn. */
  async loadIndex(): Promise<AdvisoryIndex> {
    const index = new AdvisoryIndex();
    const rows = await this.k
      .selectFrom('advisory_packages')
      .innerJoin('advisories', 'advisories.id', 'advisory_packages.advisory')
      .select(['advisory_packages.advisory', 'advisory_packages.release', 'advisory_packages.kind', 'advisory_packages.name', 'advisory_packages.fixed_version', 'advisory_packages.state'])
      .where('advisories.withdrawn_at', 'is', null)
      .execute();
    for (const r of rows) index.add(r.release, r.kind, r.name, { advisory: r.advisory, fixedVersion: r.fixed_version, state: r.state });
    return index;
  }

  /** Index entries of these advisories only (after an import). */
  async indexEntries(ids: number[]) {
    if (ids.length === 0) return [];
    return this.k
      .selectFrom('advisory_packages')
      .innerJoin('advisories', 'advisories.id', 'advisory_packages.advisory')
      .select(['advisory_packages.advisory', 'advisory_packages.release', 'advisory_packages.kind', 'advisory_packages.name', 'advisory_packages.fixed_version', 'advisory_packages.state'])
      .where(inIds(this.db, 'advisory_packages.advisory', ids))
      .where('advisories.withdrawn_at', 'is', null)
      .execute();
  }

  /** Changes whenever an advisory is added, revised or withdrawn (by any replica): when to read the index again. */
  async indexVersion(): Promise<string> {
    const r = await this.k
      .selectFrom('advisories')
      .select((e) => [e.fn.countAll<number>().as('n'), e.fn.max('updated_at').as('at')])
      .executeTakeFirstOrThrow();
    return `${Number(r.n)}/${r.at ?? ''}`;
  }

  // ---- exposures ----

  /** Open exposures, by host: of these hosts, or of these advisories (on any host; found through their index). */
  async openExposures(of: { hostIds: number[] } | { advisories: number[] }): Promise<Map<number, OpenExposure[]>> {
    const out = new Map<number, OpenExposure[]>();
    const [column, ids] = 'hostIds' in of ? (['host_id', of.hostIds] as const) : (['advisory', of.advisories] as const);
    if (ids.length === 0) return out;
    const rows = await this.k
      .selectFrom('exposures')
      .select(['id', 'host_id', 'advisory', 'package', 'arch', 'installed_version', 'fixed_version', 'state', 'not_running'])
      .where(inIds(this.db, column, ids))
      .where('closed_at', 'is', null)
      .execute();
    for (const r of rows) {
      const list = out.get(r.host_id) ?? [];
      list.push({ id: r.id, advisory: r.advisory, package: r.package, arch: r.arch, installedVersion: r.installed_version, fixedVersion: r.fixed_version, state: r.state, notRunning: r.not_running === 1 });
      out.set(r.host_id, list);
    }
    return out;
  }

  /** Records the changes of many hosts at once. */
  async applyExposureChanges(changes: { hostId: number; changes: ExposureChanges }[], at: string): Promise<void> {
    const opens: unknown[][] = [];
    const closes = new Map<string, { reason: CloseReason; evidence: string | null; ids: number[] }>();
    for (const { hostId, changes: c } of changes) {
      for (const e of c.open) opens.push(exposureRow(hostId, e, at));
      for (const x of c.close) {
        const k = `${x.reason}\u0000${x.evidenceVersion ?? ''}`;
        const group = closes.get(k) ?? { reason: x.reason, evidence: x.evidenceVersion, ids: [] };
        group.ids.push(x.id);
        closes.set(k, group);
      }
      for (const u of c.update) {
        await this.k
          .updateTable('exposures')
          .set({ fixed_version: u.exposure.fixedVersion, state: u.exposure.state, not_running: u.exposure.notRunning ? 1 : 0 })
          .where('id', '=', u.id)
          .execute();
      }
    }
    for (const g of closes.values()) {
      await this.k.updateTable('exposures').set({ closed_at: at, close_reason: g.reason, evidence_version: g.evidence }).where(inIds(this.db, 'id', g.ids)).execute();
    }
    await bulkInsert(this.db, this.k, 'exposures', exposureColumns, opens);
    if (changes.length > 0) await this.changed();
  }

  /** Marks these advisories withdrawn (those not already); returns the row ids it withdrew. */
  async withdraw(advisoryIds: string[], at: string): Promise<number[]> {
    if (advisoryIds.length === 0) return [];
    const rows = await this.k
      .updateTable('advisories')
      .set({ withdrawn_at: at, updated_at: at })
      .where('advisory_id', 'in', advisoryIds)
      .where('withdrawn_at', 'is', null)
      .returning('id')
      .execute();
    if (rows.length > 0) await this.changed();
    return rows.map((r) => r.id);
  }

  /** Closes every open exposure of these hosts (absent) or of these advisories (withdrawn). */
  async closeAll(by: { hostIds?: number[]; advisories?: number[] }, reason: CloseReason, at: string): Promise<number> {
    if ((by.hostIds ?? by.advisories ?? []).length === 0) return 0;
    let q = this.k.updateTable('exposures').set({ closed_at: at, close_reason: reason }).where('closed_at', 'is', null);
    if (by.hostIds) q = q.where(inIds(this.db, 'host_id', by.hostIds));
    if (by.advisories) q = q.where(inIds(this.db, 'advisory', by.advisories));
    const closed = Number((await q.executeTakeFirst()).numUpdatedRows);
    if (closed > 0) await this.changed();
    return closed;
  }

  // ---- reads ----

  /** Advisories matching a search in ids, CVEs, package names and titles, newest first. */
  async listAdvisories(f: AdvisoryFilter, page: { limit: number; offset: number }) {
    let q = this.k.selectFrom('advisories');
    if (f.q) {
      const pattern = `%${f.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      const like = (column: string) => sql<boolean>`lower(${sql.ref(column)}) like ${pattern} escape '\\'`;
      q = q.where((e) =>
        e.or([
          like('advisories.advisory_id'),
          like('advisories.title'),
          e.exists(e.selectFrom('advisory_cves').select('advisory_cves.advisory').whereRef('advisory_cves.advisory', '=', 'advisories.id').where(like('advisory_cves.cve'))),
          e.exists(e.selectFrom('advisory_packages').select('advisory_packages.advisory').whereRef('advisory_packages.advisory', '=', 'advisories.id').where(like('advisory_packages.name'))),
        ]),
      );
    }
    if (f.release) {
      const release = f.release;
      q = q.where((e) => e.exists(e.selectFrom('advisory_packages').select('advisory_packages.advisory').whereRef('advisory_packages.advisory', '=', 'advisories.id').where('advisory_packages.release', '=', release)));
    }
    if (f.source) q = q.where('advisories.source', '=', f.source);
    if (f.affecting) {
      // Only advisories with open exposures on hosts the caller may see (all hosts: null).
      const hostIds = f.affecting.hostIds;
      q = q.where((e) =>
        e.exists(
          e
            .selectFrom('exposures')
            .select('exposures.id')
            .whereRef('exposures.advisory', '=', 'advisories.id')
            .where('exposures.closed_at', 'is', null)
            .$if(hostIds !== null, (x) => x.where(inIds(this.db, 'exposures.host_id', hostIds!))),
        ),
      );
    }
    const total = Number((await q.select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const rows = await q
      .selectAll('advisories')
      .orderBy('advisories.issued', (ob) => ob.desc().nullsLast())
      .orderBy('advisories.advisory_id', 'desc')
      .limit(page.limit)
      .offset(page.offset)
      .execute();
    return { rows, total };
  }

  findAdvisory = (advisoryId: string) => this.k.selectFrom('advisories').selectAll().where('advisory_id', '=', advisoryId).executeTakeFirst();

  async cvesOf(ids: number[]): Promise<Map<number, string[]>> {
    if (ids.length === 0) return new Map();
    const rows = await this.k.selectFrom('advisory_cves').selectAll().where(inIds(this.db, 'advisory', ids)).orderBy('cve').execute();
    return groupBy(rows, (r) => r.advisory, (r) => r.cve);
  }

  /** Per advisory, the releases and package names it covers (for lists). */
  async coverageOf(ids: number[]): Promise<Map<number, { releases: string[]; packages: string[] }>> {
    const out = new Map<number, { releases: string[]; packages: string[] }>();
    if (ids.length === 0) return out;
    const rows = await this.k.selectFrom('advisory_packages').select(['advisory', 'release', 'name']).where(inIds(this.db, 'advisory', ids)).execute();
    const sets = new Map<number, { releases: Set<string>; packages: Set<string> }>();
    for (const r of rows) {
      const s = sets.get(r.advisory) ?? { releases: new Set(), packages: new Set() };
      s.releases.add(r.release);
      s.packages.add(r.name);
      sets.set(r.advisory, s);
    }
    for (const [id, s] of sets) out.set(id, { releases: [...s.releases].sort(), packages: [...s.packages].sort() });
    return out;
  }

  packagesOf = (id: number) =>
    this.k.selectFrom('advisory_packages').select(['release', 'kind', 'name', 'fixed_version as fixedVersion', 'state', 'note']).where('advisory', '=', id).orderBy('release').orderBy('kind').orderBy('name').execute();

  async rate(id: number, rating: string | null, by: string, at: string): Promise<void> {
    await this.k.updateTable('advisories').set({ local_rating: rating, rated_by: rating === null ? null : by, rated_at: rating === null ? null : at }).where('id', '=', id).execute();
    await this.changed();
  }

  /** Every exposure of an advisory (open and closed), for its report. */
  exposuresOfAdvisory = (id: number, hostIds: number[] | null) =>
    this.k
      .selectFrom('exposures')
      .select(['host_id as hostId', 'package', 'arch', 'installed_version as installedVersion', 'fixed_version as fixedVersion', 'state', 'not_running as notRunning', 'opened_at as openedAt', 'closed_at as closedAt'])
      .where('advisory', '=', id)
      .$if(hostIds !== null, (q) => q.where(inIds(this.db, 'host_id', hostIds!)))
      .orderBy('host_id')
      .orderBy('package')
      .execute();

  /** Every exposure of these hosts, open or closed, with its advisory's row (`advisory`: the advisory's own id). */
  async exposuresOfHosts(hostIds: number[]) {
    if (hostIds.length === 0) return [];
    const exposures = await this.k
      .selectFrom('exposures')
      .select(['host_id as hostId', 'advisory as advisoryRow', 'package', 'opened_at as openedAt', 'closed_at as closedAt', 'close_reason as closeReason'])
      .where(inIds(this.db, 'host_id', hostIds))
      .execute();
    const ids = [...new Set(exposures.map((e) => e.advisoryRow))];
    const rows = ids.length === 0 ? [] : await this.k.selectFrom('advisories').select(summaryColumns).where(inIds(this.db, 'id', ids)).execute();
    const byId = new Map(rows.map((r) => [r.id, r]));
    return exposures.map(({ advisoryRow, ...e }) => ({ ...e, advisory: byId.get(advisoryRow)!.advisory_id, row: byId.get(advisoryRow)! }));
  }

  /** Open exposures of these hosts (all: null), with their advisories' ids, titles and ratings. */
  openExposuresWithAdvisories = (hostIds: number[] | null) =>
    this.k
      .selectFrom('exposures')
      .innerJoin('advisories', 'advisories.id', 'exposures.advisory')
      .select([
        'exposures.id',
        'exposures.host_id as hostId',
        'advisories.advisory_id as advisory',
        'advisories.title',
        'advisories.severity',
        'advisories.local_rating as localRating',
        'exposures.package',
        'exposures.arch',
        'exposures.installed_version as installedVersion',
        'exposures.fixed_version as fixedVersion',
        'exposures.state',
        'exposures.not_running as notRunning',
        'exposures.opened_at as openedAt',
      ])
      .where('exposures.closed_at', 'is', null)
      .$if(hostIds !== null, (q) => q.where(inIds(this.db, 'exposures.host_id', hostIds!)))
      .orderBy('exposures.host_id')
      .orderBy('advisories.advisory_id')
      .orderBy('exposures.package')
      .execute();

  countOpen = async () => Number((await sql<{ n: number }>`select count(*) as n from exposures where closed_at is null`.execute(this.k)).rows[0]!.n);
}

const exposureRow = (hostId: number, e: Exposure, at: string) => [hostId, e.advisory, e.package, e.arch, e.installedVersion, e.fixedVersion, e.state, e.notRunning ? 1 : 0, at];

/** Rows unique by their first `keyLength` columns (a feed may list a package twice for one release): the last wins. */
function dedupe(rows: unknown[][], keyLength: number): unknown[][] {
  const byKey = new Map<string, unknown[]>();
  for (const r of rows) byKey.set(JSON.stringify(r.slice(0, keyLength)), r);
  return [...byKey.values()];
}
