// bench/matching: which advisories hit which hosts. 5,000 hosts × 1,500 packages (the fleet of bench/inventory, on
// bullseye, bookworm, jammy and focal; a third of them behind on the packages advisories name) against the whole DSA
// list and the Ubuntu fixtures, replicated onto the other releases to more than 20,000 advisories. Prints the time of
// a full evaluation (cold: the index, the hosts' sets and the package tuples are read first), of an incremental one
// after one host report and after one new advisory, and of the same full evaluation as one plain SQL join (SQLite,
// with dpkg's ordering as an SQL function), with the ratio. On SQLite and, when reachable, PostgreSQL (without the
// join there: PostgreSQL has no dpkg ordering).
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { sql } from 'kysely';
import { openDatabase, type Db } from '../src/core/db/database.js';
import { migrate } from '../src/core/db/migrate.js';
import { allMigrations } from '../src/server.js';
import { EventBus } from '../src/core/events.js';
import { createLogger } from '../src/core/logger.js';
import { createInventory, type ReportedPackage } from '../src/inventory/index.js';
import { createAdvisories, compareVersions } from '../src/advisories/index.js';
import { parseDsaList, parseOsv, parseUsnJson } from '../src/advisories/importers/index.js';
import type { ParsedAdvisory } from '../src/advisories/model.js';
import { normalizePackages } from '../src/inventory/formats/index.js';
import { fixturesDir, hostPackages, packagePool, perHost } from './fleet.js';

const smoke = process.env.BENCH_SMOKE === '1';
const hostCount = Number(process.env.BENCH_HOSTS ?? (smoke ? 100 : 5000));
const databases = (process.env.BENCH_DATABASES ?? 'sqlite,postgres').split(',');
const postgresUrl = process.env.STEWARD_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const releases = ['bullseye', 'bookworm', 'jammy', 'focal'];
const logger = createLogger('warn');

/** The real advisories, and copies of them moved onto the fleet's other releases, up to `target`. */
function advisories(target: number): ParsedAdvisory[] {
  const debian = parseDsaList(readFileSync(join(fixturesDir, 'debian/DSA-list'), 'utf8')).advisories;
  const ubuntuDir = join(fixturesDir, 'ubuntu');
  const ubuntu = [
    ...readdirSync(join(ubuntuDir, 'osv')).flatMap((f) => parseOsv(readFileSync(join(ubuntuDir, 'osv', f), 'utf8')).advisories),
    ...readdirSync(join(ubuntuDir, 'usn')).flatMap((f) => parseUsnJson(readFileSync(join(ubuntuDir, 'usn', f), 'utf8')).advisories),
  ];
  const real = [...debian, ...ubuntu.filter((u, i, all) => all.findIndex((o) => o.id === u.id) === i)];
  const out = [...real];
  for (let copy = 1; out.length < target; copy++) {
    for (const a of real) {
      const release = releases[copy % releases.length]!;
      out.push({ ...a, id: `${a.id}-copy${copy}`, packages: a.packages.map((p) => ({ ...p, release })) });
      if (out.length >= target) break;
    }
  }
  return out;
}

/** Host i's packages: the fleet's, and on a third of the hosts the packages some advisory names are left behind. */
function behindOn(packages: ReportedPackage[], i: number, named: ReadonlySet<string>): ReportedPackage[] {
  if (i % 3 !== 0) return packages;
  return packages.map((p) => (named.has(p.source) && (p.name.length + i) % 4 === 0 ? { ...p, version: older(p.version), sourceVersion: older(p.sourceVersion) } : p));
}

/** A version below every version of its epoch: `0~` in front of the upstream part. */
const older = (v: string) => v.replace(/^(\d+:)?/, (epoch) => `${epoch}0~`);

const ms = (t: number) => `${(performance.now() - t).toFixed(0)} ms`;

async function run(label: string, db: Db): Promise<void> {
  await migrate(db, allMigrations);
  const quiet = new EventBus(logger); // the fleet is built without evaluations; they are what is measured
  const inventory = createInventory(db, quiet);
  const feed = advisories(smoke ? 6000 : 20_000);
  const named = new Set(feed.flatMap((a) => a.packages.map((p) => p.name)));
  const pool = packagePool();
  let t = performance.now();
  for (let i = 0; i < hostCount; i++) {
    const release = releases[i % releases.length]!;
    await inventory.ingest({ host: { name: `host-${i}.bench.example`, osCodename: release, kernel: '6.1.0-18-amd64' }, packages: normalizePackages(behindOn(hostPackages(pool, i, 1), i, named), 'bench') });
  }
  console.log(`${label.padEnd(9)} fleet: ${hostCount} hosts × ${perHost} packages in ${ms(t)}; ${feed.length} advisories`);

  // The advisories are stored first, with no host evaluated (a service with a fleet of none would be the same).
  const setup = createAdvisories(db, inventory, new EventBus(logger), logger);
  const store = setup.store;
  await store.transaction((tx) => tx.saveAdvisories(feed, new Date().toISOString()));

  const fresh = createAdvisories(db, inventory, new EventBus(logger), logger);
  t = performance.now();
  const full = await fresh.evaluate();
  const fullMs = performance.now() - t;
  console.log(`${label.padEnd(9)} full evaluation (cold): ${fullMs.toFixed(0)} ms — ${full.hosts} hosts, ${full.evaluated} distinct packages evaluated, ${full.opened} exposures opened`);

  // One host reports a change: 2 % of its packages upgraded.
  const i = 3;
  const changed = normalizePackages(behindOn(hostPackages(pool, i, 2), i, named), 'bench');
  t = performance.now();
  const reported = await inventory.ingest({ host: { name: `host-${i}.bench.example`, osCodename: releases[i % releases.length]!, kernel: '6.1.0-18-amd64' }, packages: changed });
  const reportMs = performance.now() - t;
  t = performance.now();
  const one = await fresh.evaluate([reported.hostId]);
  console.log(`${label.padEnd(9)} incremental, one host report: ${ms(t)} to evaluate (the report itself: ${reportMs.toFixed(0)} ms) — ${one.evaluated} packages evaluated, ${one.opened} opened, ${one.closed} closed`);

  // New advisories, one at a time, each on a package most bookworm hosts have: the median and the slowest of five.
  const timings: number[] = [];
  let hostsHit = 0;
  let opened = 0;
  for (const [n, source] of ['glibc', 'openssl', 'systemd', 'perl', 'zlib'].entries()) {
    const newAdvisory: ParsedAdvisory = { id: `DSA-900${n}-1`, source: 'debian', title: `bench: ${source}`, cves: [`CVE-2099-000${n}`], packages: [{ release: 'bookworm', kind: 'source', name: source, fixedVersion: '99.0-1', state: 'fixed' }] };
    t = performance.now();
    const imported = await fresh.importFeed({ advisories: [newAdvisory], skipped: {} });
    timings.push(performance.now() - t);
    hostsHit += imported.hosts;
    opened += imported.opened;
  }
  timings.sort((a, b) => a - b);
  console.log(`${label.padEnd(9)} incremental, one new advisory: median ${timings[2]!.toFixed(0)} ms, slowest ${timings[4]!.toFixed(0)} ms of 5 — on average ${(hostsHit / 5).toFixed(0)} hosts evaluated, ${(opened / 5).toFixed(0)} exposures opened`);

  if (db.dialect === 'sqlite') {
    const joinMs = await plainJoin(db);
    console.log(`${label.padEnd(9)} the same full evaluation as one plain SQL join: ${joinMs.toFixed(0)} ms — ${(joinMs / fullMs).toFixed(1)}× Steward's`);
  }
  await fresh.settle();
}

/**
 * The peer approach: one row per host and package, joined to the advisories by release and source name, with dpkg's
 * ordering as an SQL function (SQL itself cannot order Debian versions). Only the query is timed, not the table.
 */
async function plainJoin(db: Db): Promise<number> {
  const sqlite = db.sqlite!;
  sqlite.function('dpkg_lt', { deterministic: true }, (a: unknown, b: unknown) => (compareVersions(String(a), String(b)) < 0 ? 1 : 0));
  sqlite.exec('create table bench_host_packages (host_id integer not null, package integer not null)');
  const insert = sqlite.prepare('insert into bench_host_packages values (?, ?)');
  const hosts = await createInventory(db, new EventBus(logger)).hostsForMatching();
  sqlite.transaction(() => {
    for (const h of hosts) for (const id of h.packageIds) insert.run(h.id, id);
  })();
  sqlite.exec('create index bench_host_packages_host on bench_host_packages (host_id)');
  const t = performance.now();
  const rows = await sql<{ n: number }>`
    select count(*) as n from bench_host_packages hp
    join hosts h on h.id = hp.host_id
    join package_versions pv on pv.id = hp.package
    join advisory_packages ap on ap.release = h.os_codename and ap.kind = 'source' and ap.name = pv.source
    where ap.state <> 'not-affected' and (ap.fixed_version is null or dpkg_lt(pv.source_version, ap.fixed_version))`.execute(db.kysely);
  const elapsed = performance.now() - t;
  console.log(`          (the join finds ${rows.rows[0]!.n} exposures; it ignores Ubuntu's binary versions and kernels)`);
  return elapsed;
}

export async function main(): Promise<void> {
  console.log(`bench/matching${smoke ? ' (smoke)' : ''}: ${hostCount} hosts × ${perHost} packages against the DSA list and the Ubuntu fixtures, replicated`);
  if (databases.includes('sqlite')) {
    const dir = mkdtempSync(join(tmpdir(), 'steward-bench-'));
    const db = openDatabase(join(dir, 'steward.db'));
    try {
      await run('sqlite', db);
    } finally {
      await db.close();
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
  await admin.query(`create schema ${schema}`);
  const db = openDatabase(`${postgresUrl}?options=${encodeURIComponent(`-c search_path=${schema}`)}`);
  try {
    await run('postgres', db);
  } finally {
    await db.close();
    await admin.query(`drop schema ${schema} cascade`);
    await admin.end();
  }
}
