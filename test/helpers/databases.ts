// Every store test runs on both dialects: a fresh SQLite file, and a fresh schema in the real PostgreSQL.
// PostgreSQL tests skip only outside CI when no server answers, and say so; under CI its absence fails the run.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe } from 'vitest';
import { type Db, type Dialect, openDatabase } from '../../src/core/db/database.js';
import { migrate } from '../../src/core/db/migrate.js';
import { allMigrations } from '../../src/server.js';

export const postgresUrl = process.env.STEWARD_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

let pgAvailable: Promise<boolean> | undefined;
async function postgresAvailable(): Promise<boolean> {
  pgAvailable ??= (async () => {
    const client = new pg.Client({ connectionString: postgresUrl, connectionTimeoutMillis: 3000 });
    try {
      await client.connect();
      await client.query('select 1');
      return true;
    } catch (err) {
      if (process.env.CI) throw new Error(`PostgreSQL at ${postgresUrl} is required under CI: ${(err as Error).message}`);
      console.warn(`SKIPPING PostgreSQL tests: no server at ${postgresUrl} (${(err as Error).message}); CI runs them`);
      return false;
    } finally {
      await client.end().catch(() => undefined);
    }
  })();
  return pgAvailable;
}

export interface TestDatabase {
  db: Db;
  /** A URL that opens the same database (for servers and CLI runs in tests). */
  url: string;
  schema?: string;
  cleanup(): Promise<void>;
}

export async function createTestDatabase(dialect: Dialect, options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  let result: TestDatabase;
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'steward-db-'));
    const url = join(dir, 'steward.db');
    const db = openDatabase(url);
    result = {
      db,
      url,
      async cleanup() {
        await db.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } else {
    const schema = `t_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: postgresUrl });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    await admin.end();
    const url = `${postgresUrl}${postgresUrl.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
    const db = openDatabase(url);
    result = {
      db,
      url,
      schema,
      async cleanup() {
        await db.close();
        const c = new pg.Client({ connectionString: postgresUrl });
        await c.connect();
        await c.query(`drop schema ${schema} cascade`);
        await c.end();
      },
    };
  }
  if (options.migrate !== false) await migrate(result.db, allMigrations);
  return result;
}

/** `describe` once per dialect; the PostgreSQL block is skipped (loudly) only outside CI without a server. */
export function describeEachDialect(name: string, body: (dialect: Dialect) => void): void {
  describe.each(['sqlite', 'postgres'] as const)(`${name} [%s]`, (dialect) => {
    describe.skipIf(dialect === 'postgres' && !postgresReachable)(dialect, () => body(dialect));
  });
}

// Top-level await: the test files import this module before `describe` runs.
const postgresReachable = await postgresAvailable();
