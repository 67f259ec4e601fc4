import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, expect, it } from 'vitest';
import { openDatabase, type Db } from './database.js';

const dirs: string[] = [];
const open: Db[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((db) => db.close()));
  dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }));
});

it('lets a second SQLite connection (another worker process) wait for the write lock instead of failing', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'steward-lock-'));
  dirs.push(dir);
  const [a, b] = [openDatabase(join(dir, 'x.db')), openDatabase(join(dir, 'x.db'))];
  open.push(a, b);
  await sql`create table t (v text)`.execute(a.kysely);

  let inside!: () => void;
  const aHoldsLock = new Promise<void>((resolve) => (inside = resolve));
  let release!: () => void;
  const aMayCommit = new Promise<void>((resolve) => (release = resolve));
  const first = a.kysely.transaction().execute(async (trx) => {
    await sql`insert into t values ('a')`.execute(trx);
    inside();
    await aMayCommit;
  });
  await aHoldsLock;
  let secondDone = false;
  const second = b.kysely
    .transaction()
    .execute(async (trx) => void (await sql`insert into t values ('b')`.execute(trx)))
    .then(() => (secondDone = true));
  // While the first transaction holds the lock, the second waits (it neither fails nor gets in).
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
  expect(secondDone).toBe(false);
  release();
  await Promise.all([first, second]);
  const rows = await sql<{ v: string }>`select v from t order by v`.execute(b.kysely);
  expect(rows.rows.map((r) => r.v)).toEqual(['a', 'b']);
});
