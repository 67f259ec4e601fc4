// Opens the database named by the configuration: SQLite (embedded default, WAL) or PostgreSQL.
// Stores receive a `Db` and write one set of Kysely queries for both; `dialect` is there for the few
// places where the fast path differs (bulk inserts, row locks).
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { type Driver, Kysely, PostgresDialect, SqliteDialect, type SqliteDatabase, sql } from 'kysely';
import pg from 'pg';
import { isPostgresUrl } from '../config.js';

export type Dialect = 'sqlite' | 'postgres';

export interface Db {
  // Each module narrows this to its own tables with `tables<T>()`; core cannot know them all.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly kysely: Kysely<any>;
  readonly dialect: Dialect;
  /** SQLite only: the raw connection, for prepared bulk statements (see bulk.ts). Kysely uses the same one. */
  readonly sqlite?: SQLite.Database;
  /** A printable description without credentials. */
  readonly description: string;
  close(): Promise<void>;
}

/** The database seen through one module's table types. */
export const tables = <T>(db: Db): Kysely<T> => db.kysely as Kysely<T>;

// COUNT(*) and other int8 results would otherwise arrive as strings.
pg.types.setTypeParser(20, (v) => Number(v));

export interface OpenOptions {
  poolSize?: number;
}

export function openDatabase(url: string, options: OpenOptions = {}): Db {
  if (isPostgresUrl(url)) {
    const pool = new pg.Pool({
      connectionString: url,
      max: options.poolSize ?? 10,
    });
    const kysely = new Kysely({ dialect: new PostgresDialect({ pool }) });
    return { kysely, dialect: 'postgres', description: redactUrl(url), close: () => kysely.destroy() };
  }
  const file = resolve(url.replace(/^sqlite:(\/\/)?/, ''));
  mkdirSync(dirname(file), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma(`busy_timeout = ${lockWaitMs}`);
  const kysely = new Kysely({ dialect: new ImmediateSqliteDialect(sqlite) });
  return { kysely, dialect: 'sqlite', sqlite, description: `sqlite:${file}`, close: () => kysely.destroy() };
}

/**
 * Every transaction of Steward writes; starting it IMMEDIATE takes the write lock up front, so several processes on
 * one SQLite file (serve --workers) wait for each other instead of failing with SQLITE_BUSY when a read transaction
 * tries to become a write transaction. The wait is ours, not SQLite's busy handler: that one blocks the whole
 * process for 1, 2, 5, 10… up to 100 ms per retry, while this lets the process serve other requests and retries
 * every millisecond.
 */
class ImmediateSqliteDialect extends SqliteDialect {
  constructor(private readonly sqlite: SQLite.Database) {
    super({ database: withStatementCache(sqlite) });
  }

  override createDriver(): Driver {
    const driver = super.createDriver();
    driver.beginTransaction = async () => {
      const deadline = Date.now() + lockWaitMs;
      this.sqlite.pragma('busy_timeout = 0');
      try {
        for (;;) {
          try {
            this.sqlite.exec('begin immediate');
            return;
          } catch (err) {
            if ((err as { code?: string }).code !== 'SQLITE_BUSY' || Date.now() > deadline) throw err;
            await new Promise((resolve) => setTimeout(resolve, 1));
          }
        }
      } finally {
        this.sqlite.pragma(`busy_timeout = ${lockWaitMs}`);
      }
    };
    return driver;
  }
}

const lockWaitMs = 10_000;

/** Kysely prepares every query anew; on the hot paths preparing costs as much as running, so reuse statements. */
function withStatementCache(sqlite: SQLite.Database): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    prepare(text: string) {
      let stmt = cache.get(text);
      if (!stmt) {
        // Queries are built from a fixed set of shapes; the bound only guards against an unexpected variety.
        if (cache.size >= 1000) cache.clear();
        cache.set(text, (stmt = sqlite.prepare(text)));
      }
      return stmt;
    },
    close: () => sqlite.close(),
  };
}

export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable database URL)';
  }
}

/**
 * A transaction whose commit does not wait for the WAL flush on PostgreSQL (`synchronous_commit = off` for it
 * alone), for writes that a client sends again if they are lost in a crash. `begin` and the setting travel as one
 * simple-protocol message: Kysely's own transaction would spend a round trip on each. SQLite: a plain transaction.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function relaxedTransaction<T>(db: Db, fn: (trx: Kysely<any>) => Promise<T>): Promise<T> {
  if (db.dialect !== 'postgres') return db.kysely.transaction().execute(fn);
  return db.kysely.connection().execute(async (conn) => {
    await sql.raw('begin; set local synchronous_commit = off').execute(conn);
    let result: T;
    try {
      result = await fn(conn);
    } catch (err) {
      // A failed rollback means a broken connection; the error worth reporting is the first one.
      await sql.raw('rollback').execute(conn).catch(() => undefined);
      throw err;
    }
    await sql.raw('commit').execute(conn);
    return result;
  });
}
