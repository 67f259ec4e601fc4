// bench/matching: which advisories hit which hosts. 5,000 hosts × 1,500 packages (the fleet of bench/inventory, on
// bullseye, bookworm, jammy and focal; a third of them behind on the packages advisories name) against the whole DSA
// list and the Ubuntu fixtures, replicated onto the other releases to more than 20,000 advisories. Prints the time of
// a full evaluation (cold: the index, the hosts' sets and the package tuples are read first), of an incremental one
// after one host report and after one new advisory, and of the same full evaluation as one plain SQL join (SQLite,
// with dpkg's ordering as an SQL function), with the ratio. On SQLite and, when reachable, PostgreSQL (without the
// join there: PostgreSQL has no dpkg ordering).
import { sql } from 'kysely';
import { openDatabase, type Db } from '../src/core/db/database.js';
import { migrate } from '../src/core/db/migrate.js';
import { allMigrations } from '../src/server.js';
import { EventBus } from '../src/core/events.js';
import { createLogger } from '../src/core/logger.js';
import { createInventory } from '../src/inventory/index.js';
import { createAdvisories, compareVersions } from '../src/advisories/index.js';
import type { ParsedAdvisory } from '../src/advisories/model.js';
import { normalizePackages } from '../src/inventory/formats/index.js';
import { eachDatabase } from './databases.js';
import { behindOn, hostPackages, packagePool, perHost, replicatedAdvisories } from './fleet.js';

const smoke = process.env.BENCH_SMOKE === '1';
const hostCount = Number(process.env.BENCH_HOSTS ?? (smoke ? 100 : 5000));
const releases = ['bullseye', 'bookworm', 'jammy', 'focal'];
const logger = createLogger('warn');

const ms = (t: number) => `${(performance.now() - t).toFixed(0)} ms`;

async function run(label: string, db: Db): Promise<void> {
  await migrate(db, allMigrations);
  const quiet = new EventBus(logger); // the fleet is built without evaluations; they are what is measured
  const inventory = createInventory(db, quiet);
  const feed = replicatedAdvisories(smoke ? 6000 : 20_000, releases);
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
  await eachDatabase(async (label, url) => {
    const db = openDatabase(url);
    try {
      await run(label, db);
    } finally {
      await db.close();
    }
  });
}
