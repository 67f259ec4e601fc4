// bench/inventory: host report ingestion. 5,000 synthetic hosts × 1,500 packages (built from the real Debian 12
// status file's names and versions, with per-host variations) report once (round 1, every report new and full),
// then again with 2 % of their packages changed (round 2), then unchanged (round 3, which must write no history
// row). Rounds 2 and 3 are sent as the agent sends them — differential reports against the digest the server
// returned — and, for comparison, as full reports (round 2f, 3f). A real `steward serve` (1 and 2 worker
// processes) receives them over HTTP on loopback from this process, 16 at a time, on SQLite and, when reachable,
// PostgreSQL. Bodies are built before each round is timed.
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline';
import pg from 'pg';
import { sql } from 'kysely';
import { openDatabase } from '../src/core/db/database.js';
import { normalizePackages } from '../src/inventory/formats/index.js';
import { hostPackages, packagePool, perHost, root, statusFile } from './fleet.js';
import type { HostReport, ReportedPackage } from '../src/inventory/report.js';
import { type AgentState, deltaFrom } from '../src/inventory/agent/send.js';

const smoke = process.env.BENCH_SMOKE === '1';
const hosts = Number(process.env.BENCH_HOSTS ?? (smoke ? 100 : 5000));
const workerCounts = (process.env.BENCH_WORKERS ?? (smoke ? '2' : '1,2')).split(',').map(Number);
const databases = (process.env.BENCH_DATABASES ?? 'sqlite,postgres').split(',');
const concurrency = 16;
const postgresUrl = process.env.STEWARD_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const adminPassword = 'bench admin password';

const report = (i: number, pkgs: ReportedPackage[]): HostReport => ({
  host: { name: `host-${i}.bench.example`, machineId: `bench-${i.toString(16).padStart(8, '0')}`, architecture: 'amd64', osId: 'debian', osVersion: '12', osCodename: 'bookworm', kernel: '6.1.0-18-amd64' },
  packages: normalizePackages(pkgs, 'bench'),
});

async function startServer(databaseUrl: string, dataDir: string, workers: number): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'src/cli/main.ts'), 'serve', '--port', '0', '--partisci-port', '0', '--workers', String(workers), '--database', databaseUrl, '--data', dataDir, '--log-level', 'warn'], {
    cwd: root,
    env: { ...process.env, STEWARD_ADMIN_PASSWORD: adminPassword },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  for await (const line of createInterface({ input: child.stdout! })) {
    const m = /running at (http:\/\/\S+)/.exec(line);
    if (m) return { url: m[1]!, child };
  }
  throw new Error('steward serve exited before listening');
}

// node:http with keep-alive and ready Buffers: the load generator shares the 2 cores with the server, and fetch
// spent most of a core on 100 KB bodies.
const keepAlive = new http.Agent({ keepAlive: true, maxSockets: concurrency });

function post(base: string, token: string, body: Buffer): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}/api/v1/hosts/report`, {
      method: 'POST',
      agent: keepAlive,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': body.length },
    });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function agentToken(url: string): Promise<string> {
  const login = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: adminPassword }) });
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  const created = await fetch(`${url}/api/v1/tokens`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify({ name: 'bench', kind: 'agent' }) });
  return ((await created.json()) as { secret: string }).secret;
}

async function runBench(label: string, databaseUrl: string, dataDir: string, workers: number, size: () => Promise<number>) {
  const { url, child } = await startServer(databaseUrl, dataDir, workers);
  const db = openDatabase(databaseUrl);
  try {
    const token = await agentToken(url);
    const pool = packagePool();
    const count = async (table: string) => Number((await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(db.kysely)).rows[0]!.n);
    // What each host's agent remembers: the last accepted package list and the server's digest of it.
    const states: AgentState[] = [];
    const round = async (r: number, differential: boolean) => {
      const reports = Array.from({ length: hosts }, (_, i) => report(i, hostPackages(pool, i, r)));
      const bodies = reports.map((rep, i) => Buffer.from(JSON.stringify(differential ? deltaFrom(states[i]!, rep) : rep)));
      const started = performance.now();
      let next = 0;
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (next < bodies.length) {
            const i = next++;
            const res = await post(url, token, bodies[i]!);
            if (res.status !== 200) throw new Error(`host ${i} round ${r}: ${res.status} ${res.body}`);
            const { digest } = JSON.parse(res.body) as { digest: string };
            states[i] = { server: url, host: reports[i]!.host.name, digest, packages: reports[i]!.packages };
          }
        }),
      );
      return hosts / ((performance.now() - started) / 1000);
    };
    const rate = (n: number) => `${n.toFixed(0)} reports/s`;
    const r1 = await round(1, false);
    const r2 = await round(2, true);
    const historyRows = async () => (await count('package_changes')) + (await count('discovery_runs'));
    let before = await historyRows();
    const r3 = await round(2, true);
    let written = (await historyRows()) - before;
    const r2f = await round(1, false);
    before = await historyRows();
    const r3f = await round(1, false);
    written += (await historyRows()) - before;
    console.log(
      `${label.padEnd(9)} workers=${workers} hosts=${hosts}  round1 (full) ${rate(r1)}  round2 (2% changed) ${rate(r2)} differential, ${rate(r2f)} full  ` +
        `round3 (unchanged) ${rate(r3)} differential, ${rate(r3f)} full; history rows written by unchanged rounds: ${written}  ` +
        `package_versions=${await count('package_versions')} changes=${await count('package_changes')}  db=${((await size()) / 1024 / 1024).toFixed(1)} MB`,
    );
    if (written !== 0) throw new Error('unchanged reports wrote history rows');
  } finally {
    keepAlive.destroy();
    child.kill('SIGTERM');
    await new Promise((done) => child.once('exit', done));
    await db.close();
  }
}

async function postgresAdmin(): Promise<pg.Client | undefined> {
  const admin = new pg.Client({ connectionString: postgresUrl, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
    return admin;
  } catch (err) {
    if (process.env.CI) throw err;
    console.log(`postgres  skipped: no server at ${postgresUrl} (${(err as Error).message})`);
    return undefined;
  }
}

export async function main(): Promise<void> {
  if (!existsSync(statusFile)) throw new Error(`fixture missing: ${statusFile}`);
  console.log(`bench/inventory${smoke ? ' (smoke)' : ''}: ${hosts} hosts × ${perHost} packages, ${concurrency} concurrent HTTP reports to steward serve`);
  for (const workers of databases.includes('sqlite') ? workerCounts : []) {
    const dir = mkdtempSync(join(tmpdir(), 'steward-bench-'));
    const file = join(dir, 'steward.db');
    try {
      await runBench('sqlite', file, dir, workers, async () => ['', '-wal'].reduce((n, s) => n + (existsSync(file + s) ? statSync(file + s).size : 0), 0));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  if (!databases.includes('postgres')) return;
  const admin = await postgresAdmin();
  if (!admin) return;
  try {
    for (const workers of workerCounts) {
      const schema = `bench_${randomBytes(4).toString('hex')}`;
      await admin.query(`create schema ${schema}`);
      const dir = mkdtempSync(join(tmpdir(), 'steward-bench-'));
      try {
        const url = `${postgresUrl}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;
        await runBench('postgres', url, dir, workers, async () => {
          const r = await admin.query<{ n: string }>(`select sum(pg_total_relation_size(format('%I.%I', schemaname, tablename)))::bigint as n from pg_tables where schemaname = $1`, [schema]);
          return Number(r.rows[0]!.n);
        });
      } finally {
        await admin.query(`drop schema ${schema} cascade`);
        rmSync(dir, { recursive: true, force: true });
      }
    }
  } finally {
    await admin.end();
  }
}
