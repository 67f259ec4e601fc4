// The databases a benchmark runs on: a fresh SQLite file, and a fresh schema of the PostgreSQL at
// STEWARD_TEST_POSTGRES_URL when it answers (under CI it must). BENCH_DATABASES=sqlite (or postgres) narrows it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';

const databases = (process.env.BENCH_DATABASES ?? 'sqlite,postgres').split(',');
const postgresUrl = process.env.STEWARD_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Runs `body` once per database, with its URL (a SQLite file or postgres://) and an empty data directory. */
export async function eachDatabase(body: (label: 'sqlite' | 'postgres', url: string, dataDir: string) => Promise<void>): Promise<void> {
  if (databases.includes('sqlite')) {
    const dir = mkdtempSync(join(tmpdir(), 'steward-bench-'));
    try {
      await body('sqlite', join(dir, 'steward.db'), dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  if (!databases.includes('postgres')) return;
  const admin = new pg.Client({ connectionString: postgresUrl, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
  } catch (err) {
    if (process.env.CI) throw err;
    console.log(`postgres  skipped: no server at ${postgresUrl} (${(err as Error).message})`);
    return;
  }
  const schema = `bench_${randomBytes(4).toString('hex')}`;
  const dir = mkdtempSync(join(tmpdir(), 'steward-bench-'));
  await admin.query(`create schema ${schema}`);
  try {
    await body('postgres', `${postgresUrl}?options=${encodeURIComponent(`-c search_path=${schema}`)}`, dir);
  } finally {
    await admin.query(`drop schema ${schema} cascade`);
    await admin.end();
    rmSync(dir, { recursive: true, force: true });
  }
}
