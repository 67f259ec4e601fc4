// bench/inventory: host report ingestion. 5,000 synthetic hosts × 1,500 packages (built from the real Debian 12
// status file's names and versions, with per-host variations) report once (round 1, every report new), then again
// with 2 % of their packages changed (round 2), then unchanged (round 3, which must write no package rows).
// Reports go through the real HTTP route (JSON parsing, normalization, authorization) with `inject`, 8 at a time.
// Runs on SQLite and, when reachable, PostgreSQL. Prints reports/s per round and the database size.
import { mkdtempSync, readFileSync, rmSync, statSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { sql } from 'kysely';
import { loadConfig } from '../src/core/config.js';
import { createLogger } from '../src/core/logger.js';
import { buildApi, openSteward } from '../src/server.js';
import { parseDpkgStatus } from '../src/inventory/formats/index.js';
import type { ReportedPackage } from '../src/inventory/report.js';

const smoke = process.env.BENCH_SMOKE === '1';
const hosts = Number(process.env.BENCH_HOSTS ?? (smoke ? 100 : 5000));
const perHost = 1500;
const concurrency = 8;
const postgresUrl = process.env.STEWARD_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const here = dirname(fileURLToPath(import.meta.url));
const statusFile = resolve(process.env.STEWARD_FIXTURES ?? resolve(here, '../../shared/fixtures'), 'dpkg/status-debian12-sample');

/** A pool of ~2,300 packages: the real ones, plus renamed copies carrying real versions. */
function packagePool(): ReportedPackage[] {
  const real = parseDpkgStatus(readFileSync(statusFile, 'utf8'));
  const pool = [...real];
  for (let copy = 1; pool.length < 2300; copy++) {
    for (const p of real) pool.push({ ...p, name: `${p.name}-v${copy}`, source: `${p.source}-v${copy}` });
  }
  return pool.slice(0, 2300);
}

/** Host i: 1,500 packages of the pool starting at an offset; ~3 % carry a host-group-specific rebuild version. */
function hostPackages(pool: ReportedPackage[], i: number, round: number): ReportedPackage[] {
  const start = (i * 37) % (pool.length - perHost);
  const pkgs = pool.slice(start, start + perHost).map((p, j) =>
    (j + i) % 33 === 0 ? { ...p, version: `${p.version}+g${i % 10}`, sourceVersion: `${p.sourceVersion}+g${i % 10}` } : p,
  );
  if (round < 2) return pkgs;
  // Round 2: 2 % of the packages upgraded (30 of 1,500), the same security update across hosts as in real life.
  return pkgs.map((p, j) => (j % 50 === i % 50 ? { ...p, version: `${p.version}+deb12u1`, sourceVersion: `${p.sourceVersion}+deb12u1` } : p));
}

function body(i: number, pkgs: ReportedPackage[]): string {
  return JSON.stringify({
    host: { name: `host-${i}.bench.example`, machineId: `bench-${i.toString(16).padStart(8, '0')}`, architecture: 'amd64', osId: 'debian', osVersion: '12', osCodename: 'bookworm', kernel: '6.1.0-18-amd64' },
    packages: pkgs,
  });
}

async function runBench(label: string, databaseUrl: string, dataDir: string, size: () => Promise<number>) {
  const config = { ...loadConfig({ dataDir, databaseUrl, logLevel: 'silent' }, {}), adminPassword: 'bench admin password' };
  const steward = await openSteward(config, createLogger('silent'));
  await steward.auth.ensureFirstAdmin(config.adminPassword);
  const admin = await steward.auth.findUser('admin');
  const { secret } = await steward.auth.createToken({ userId: admin.id, role: 'admin' }, 'bench', 'agent');
  const { app } = await buildApi(steward);
  const pool = packagePool();
  const count = async (table: string) => Number((await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(steward.db.kysely)).rows[0]!.n);

  const round = async (r: number) => {
    const bodies = Array.from({ length: hosts }, (_, i) => i);
    const started = performance.now();
    // Building each synthetic body takes the same thread's time; it is measured and taken out of the figure.
    let generating = 0;
    let next = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < bodies.length) {
          const i = next++;
          const g = performance.now();
          const payload = body(i, hostPackages(pool, i, r));
          generating += performance.now() - g;
          const res = await app.inject({
            method: 'POST',
            url: '/api/v1/hosts/report',
            headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
            payload,
          });
          if (res.statusCode !== 200) throw new Error(`host ${i} round ${r}: ${res.statusCode} ${res.body}`);
        }
      }),
    );
    return hosts / ((performance.now() - started - generating) / 1000);
  };

  const r1 = await round(1);
  const r2 = await round(2);
  const before = { changes: await count('package_changes'), runs: await count('discovery_runs') };
  const r3 = await round(2);
  const after = { changes: await count('package_changes'), runs: await count('discovery_runs') };
  const unchangedWrites = after.changes - before.changes + (after.runs - before.runs);
  const dbBytes = await size();
  console.log(
    `${label.padEnd(10)} hosts=${hosts} packages/host=${perHost}  round1 ${r1.toFixed(0)} reports/s  round2 (2% changed) ${r2.toFixed(0)} reports/s  ` +
      `round3 (unchanged) ${r3.toFixed(0)} reports/s, package/history rows written: ${unchangedWrites}  ` +
      `rows: package_versions=${await count('package_versions')} changes=${after.changes}  db=${(dbBytes / 1024 / 1024).toFixed(1)} MB`,
  );
  await app.close();
  await steward.close();
  if (unchangedWrites !== 0) throw new Error('unchanged reports wrote package rows');
}

export async function main(): Promise<void> {
  if (!existsSync(statusFile)) throw new Error(`fixture missing: ${statusFile}`);
  console.log(`bench/inventory${smoke ? ' (smoke)' : ''}: ${hosts} hosts × ${perHost} packages, ${concurrency} concurrent reports over the HTTP route`);

  const dir = mkdtempSync(join(tmpdir(), 'steward-bench-'));
  const file = join(dir, 'steward.db');
  try {
    await runBench('sqlite', file, dir, async () => ['', '-wal'].reduce((n, s) => n + (existsSync(file + s) ? statSync(file + s).size : 0), 0));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const schema = `bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: postgresUrl, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
  } catch (err) {
    if (process.env.CI) throw err;
    console.log(`postgres   skipped: no server at ${postgresUrl} (${(err as Error).message})`);
    return;
  }
  await admin.query(`create schema ${schema}`);
  try {
    const url = `${postgresUrl}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;
    await runBench('postgres', url, dir, async () => {
      const r = await admin.query<{ n: string }>(
        `select sum(pg_total_relation_size(format('%I.%I', schemaname, tablename)))::bigint as n from pg_tables where schemaname = $1`,
        [schema],
      );
      return Number(r.rows[0]!.n);
    });
  } finally {
    await admin.query(`drop schema ${schema} cascade`);
    await admin.end();
  }
}
