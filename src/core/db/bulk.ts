// Bulk writes and lookups of thousands of rows, the hot path of host reports and feed imports. Building such statements through
// Kysely costs more than running them, so they bypass it: PostgreSQL receives one array per column (`unnest`),
// SQLite runs one cached prepared statement per row on the same connection Kysely uses. On SQLite, call these only
// inside a Kysely transaction: the transaction holds the one connection, so no other query can interleave.
import { type CompiledQuery, type Expression, type Kysely, type SqlBool, sql } from 'kysely';
import type SQLite from 'better-sqlite3';
import type { Db } from './database.js';

export interface BulkColumn {
  name: string;
  type: 'int' | 'text';
}

const statements = new WeakMap<SQLite.Database, Map<string, SQLite.Statement>>();

function prepared(sqlite: SQLite.Database, text: string): SQLite.Statement {
  let cache = statements.get(sqlite);
  if (!cache) statements.set(sqlite, (cache = new Map()));
  let stmt = cache.get(text);
  if (!stmt) cache.set(text, (stmt = sqlite.prepare(text)));
  return stmt;
}

const pgType = { int: 'int[]', text: 'text[]' } as const;

/** One typed array parameter per column, for PostgreSQL's `unnest`. */
const pgArrays = (columns: BulkColumn[], rows: unknown[][]) => sql.join(columns.map((c, i) => sql`${rows.map((r) => r[i])}::${sql.raw(pgType[c.type])}`));

/**
 * Inserts rows (each an array in `columns` order). `ignoreConflicts` skips rows that violate a unique constraint.
 * `executor` is the Kysely instance or transaction to run in (PostgreSQL); SQLite uses `db.sqlite`.
 */
export async function bulkInsert(
  db: Db,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  executor: Kysely<any>,
  table: string,
  columns: BulkColumn[],
  rows: unknown[][],
  options: { ignoreConflicts?: boolean } = {},
): Promise<void> {
  if (rows.length === 0) return;
  const names = columns.map((c) => c.name).join(', ');
  const conflict = options.ignoreConflicts ? ' on conflict do nothing' : '';
  if (db.dialect === 'postgres') {
    await sql`insert into ${sql.table(table)} (${sql.raw(names)}) select * from unnest(${pgArrays(columns, rows)})${sql.raw(conflict)}`.execute(executor);
    return;
  }
  // Rows go in statements of up to 100 rows: one native call per 100 rows instead of per row.
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  const statement = (n: number) => prepared(db.sqlite!, `insert into ${table} (${names}) values ${Array(n).fill(tuple).join(', ')}${conflict}`);
  let i = 0;
  for (; i + sqliteRowsPerStatement <= rows.length; i += sqliteRowsPerStatement) {
    statement(sqliteRowsPerStatement).run(rows.slice(i, i + sqliteRowsPerStatement).flat());
  }
  const single = statement(1);
  for (; i < rows.length; i++) single.run(rows[i]);
}

const sqliteRowsPerStatement = 100;

/** `column IN (ids)` for any number of ids: an array parameter on PostgreSQL, a JSON array on SQLite (whose limit
 *  on bound parameters a big host's package set would exceed). */
export function inIds(db: Db, column: string, ids: number[]): Expression<SqlBool> {
  return db.dialect === 'postgres'
    ? sql<SqlBool>`${sql.ref(column)} = any(${ids}::int[])`
    : sql<SqlBool>`${sql.ref(column)} in (select value from json_each(${JSON.stringify(ids)}))`;
}

/** Looks up `id` by a unique text column for many keys at once; returns key → id for the keys found. */
export async function bulkLookupIds(
  db: Db,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  executor: Kysely<any>,
  table: string,
  keyColumn: string,
  keys: string[],
): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  if (keys.length === 0) return ids;
  if (db.dialect === 'postgres') {
    const r = await sql<{ id: number; key: string }>`select id, ${sql.ref(keyColumn)} as key from ${sql.table(table)} where ${sql.ref(keyColumn)} = any(${keys}::text[])`.execute(executor);
    for (const row of r.rows) ids.set(row.key, row.id);
    return ids;
  }
  const stmt = prepared(db.sqlite!, `select id from ${table} where ${keyColumn} = ?`).pluck();
  for (const key of keys) {
    const id = stmt.get(key) as number | undefined;
    if (id !== undefined) ids.set(key, id);
  }
  return ids;
}

/** A write built with Kysely, run as it is or inside another statement. */
export interface Write {
  compile(): CompiledQuery;
  execute(): Promise<unknown>;
}

/**
 * Inserts one parent row and its child rows (each an array in `child.columns` order, without the parent's id),
 * returning the parent's id, together with `alongside`: writes of other tables that belong to the same change.
 * PostgreSQL does it all in one statement (data-modifying CTEs: one round trip instead of one per write; they must
 * not touch the same rows); SQLite in local calls, one by one.
 */
export async function insertWithChildren(
  db: Db,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  executor: Kysely<any>,
  parent: { table: string; values: Record<string, string | number | null> },
  child: { table: string; parentColumn: string; columns: BulkColumn[]; rows: unknown[][] },
  alongside: Write[] = [],
): Promise<number> {
  const parentColumns = Object.keys(parent.values);
  const parentInsert = sql`insert into ${sql.table(parent.table)} (${sql.join(parentColumns.map((c) => sql.ref(c)))}) values (${sql.join(Object.values(parent.values))}) returning id`;
  if (db.dialect === 'postgres') {
    const names = [child.parentColumn, ...child.columns.map((c) => c.name)].join(', ');
    const children = child.rows.length > 0 ? [sql`c as (insert into ${sql.table(child.table)} (${sql.raw(names)}) select p.id, u.* from p, unnest(${pgArrays(child.columns, child.rows)}) as u)`] : [];
    const others = alongside.map((w, i) => sql`${sql.raw(`w${i}`)} as (${w})`);
    const r = await sql<{ id: number }>`with p as (${parentInsert}), ${sql.join([...children, ...others])} select id from p`.execute(executor);
    return r.rows[0]!.id;
  }
  for (const w of alongside) await w.execute();
  const { id } = (await parentInsert.execute(executor)).rows[0] as { id: number };
  await bulkInsert(db, executor, child.table, [{ name: child.parentColumn, type: 'int' }, ...child.columns], child.rows.map((r) => [id, ...r]));
  return id;
}

/**
 * Rows as a table to select from, update from or join (`from ${rowsTable(…)}` … `v.column`), in one parameter per
 * column on PostgreSQL (`unnest`) and one JSON parameter on SQLite (`json_each`): a statement for any number of
 * rows, written once for both dialects.
 */
export function rowsTable(db: Db, alias: string, columns: BulkColumn[], rows: unknown[][]) {
  if (db.dialect === 'postgres') {
    return sql`unnest(${pgArrays(columns, rows)}) as ${sql.raw(alias)}(${sql.raw(columns.map((c) => c.name).join(', '))})`;
  }
  const picks = columns.map((c, i) => sql.raw(`value ->> ${i} as ${c.name}`));
  return sql`(select ${sql.join(picks)} from json_each(${JSON.stringify(rows)})) as ${sql.raw(alias)}`;
}
