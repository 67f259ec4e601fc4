// All SQL of remediation marks and their audit log.
import { type Kysely, type Selectable, sql } from 'kysely';
import { type Db, tables } from '../../core/db/database.js';
import { inIds } from '../../core/db/bulk.js';
import { bumpGeneration } from '../../core/db/generations.js';
import type { MarkScopeKind, MarkTables, RemediationMarksTable } from './schema.js';

export type MarkRow = Selectable<RemediationMarksTable>;
export type NewMark = Omit<MarkRow, 'id' | 'removed_by' | 'removed_at'>;

export class MarkStore {
  readonly k: Kysely<MarkTables>;
  constructor(
    readonly db: Db,
    executor?: Kysely<MarkTables>,
  ) {
    this.k = executor ?? tables<MarkTables>(db);
  }

  transaction<T>(fn: (store: MarkStore) => Promise<T>): Promise<T> {
    return this.k.transaction().execute((trx) => fn(new MarkStore(this.db, trx)));
  }

  /** Inserts marks, each with its `created` audit row; returns them with their ids. */
  async insert(marks: NewMark[]): Promise<MarkRow[]> {
    const out: MarkRow[] = [];
    for (const m of marks) {
      const row = await this.k.insertInto('remediation_marks').values(m).returningAll().executeTakeFirstOrThrow();
      out.push(row);
    }
    if (out.length > 0) await this.k.insertInto('remediation_audit').values(out.map((m) => ({ mark_id: m.id, action: 'created' as const, actor: m.created_by, at: m.created_at, mark: JSON.stringify(m) }))).execute();
    if (out.length > 0) await bumpGeneration(this.k, 'marks');
    return out;
  }

  /** Removes a mark that is not removed yet, with its `removed` audit row; undefined if there is none such. */
  async remove(id: number, actor: string, at: string): Promise<MarkRow | undefined> {
    const row = await this.k.updateTable('remediation_marks').set({ removed_by: actor, removed_at: at }).where('id', '=', id).where('removed_at', 'is', null).returningAll().executeTakeFirst();
    if (row) await this.k.insertInto('remediation_audit').values({ mark_id: id, action: 'removed', actor, at, mark: JSON.stringify(row) }).execute();
    if (row) await bumpGeneration(this.k, 'marks');
    return row;
  }

  /**
   * The last report of any host that a `patched` mark not removed may speak for: a report after such a mark can
   * contradict it, so this is part of what cached reports are checked against (see server.ts).
   */
  async patchedHostsSeen(): Promise<string> {
    const r = await sql<{ seen: string | null }>`
      select max(h.last_seen) as seen from remediation_marks m
      join hosts h on h.id = m.host_id or (m.host_id is null and h.customer_id = m.customer_id)
      where m.state = 'patched' and m.removed_at is null`.execute(this.k);
    return r.rows[0]?.seen ?? '';
  }

  find = (id: number) => this.k.selectFrom('remediation_marks').selectAll().where('id', '=', id).executeTakeFirst();

  /** Marks of these advisories that are in force at `at`: not removed, not expired. */
  active(advisories: string[], at: string): Promise<MarkRow[]> {
    if (advisories.length === 0) return Promise.resolve([]);
    return this.k
      .selectFrom('remediation_marks')
      .selectAll()
      .where('advisory', 'in', advisories)
      .where('removed_at', 'is', null)
      .where((e) => e.or([e('expires_at', 'is', null), e('expires_at', '>', at)]))
      .orderBy('id')
      .execute();
  }

  /** Marks by filter, newest first; removed ones too when asked. */
  list(f: { advisory?: string; hostId?: number; scope?: MarkScopeKind; customerIds?: number[] | null; includeRemoved?: boolean }) {
    let q = this.k.selectFrom('remediation_marks').selectAll();
    if (f.advisory !== undefined) q = q.where('advisory', '=', f.advisory);
    if (f.hostId !== undefined) q = q.where('host_id', '=', f.hostId);
    if (f.scope !== undefined) q = q.where('scope', '=', f.scope);
    if (!f.includeRemoved) q = q.where('removed_at', 'is', null);
    if (f.customerIds) q = q.where(inIds(this.db, 'customer_id', f.customerIds));
    return q.orderBy('id', 'desc').limit(1000).execute();
  }

  auditOf = (markIds: number[]) =>
    markIds.length === 0
      ? Promise.resolve([])
      : this.k.selectFrom('remediation_audit').selectAll().where(inIds(this.db, 'mark_id', markIds)).orderBy('id').execute();
}
