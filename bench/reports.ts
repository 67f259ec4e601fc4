// bench/reports: the reports people read all day, on a fleet of 5,000 hosts (1,500 packages each, a third behind on
// packages advisories name) in 200 customers with tags, 20,000 advisories, patching policies on most customers and
// their tags, and 1,000 remediation marks. Measured over real HTTP on a running server, with 20 concurrent clients
// (autocannon, in its own process): the per-advisory report of the advisory hitting the most hosts, and the
// per-customer report of every customer in turn; p50/p95/p99 against the target p95 ≤ 100 ms. Then the hiera export
// of every host (target ≤ 5 s). On SQLite and, when reachable, PostgreSQL.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { loadConfig } from '../src/core/config.js';
import { startServer, type Steward } from '../src/server.js';
import { createLogger } from '../src/core/logger.js';
import { importHosts } from '../src/inventory/index.js';
import { normalizePackages } from '../src/inventory/formats/index.js';
import type { MarkState } from '../src/remediation/index.js';
import { eachDatabase } from './databases.js';
import { behindOn, hostPackages, packagePool, perHost, replicatedAdvisories, root } from './fleet.js';

const smoke = process.env.BENCH_SMOKE === '1';
const hostCount = Number(process.env.BENCH_HOSTS ?? (smoke ? 200 : 5000));
const customerCount = smoke ? 20 : 200;
const advisoryCount = smoke ? 6000 : 20_000;
const markCount = smoke ? 100 : 1000;
const connections = 20;
const seconds = smoke ? 2 : 15;
const releases = ['bullseye', 'bookworm', 'jammy', 'focal'];
const roles = ['web', 'db', 'mail', 'cache'];
const ms = (t: number) => `${(performance.now() - t).toFixed(0)} ms`;

export async function buildFleet(steward: Steward): Promise<void> {
  const { inventory, advisories, policies, marks } = steward;
  let t = performance.now();
  for (let c = 0; c < customerCount; c++) await inventory.addCustomer(`customer-${c}`, null);
  const feed = replicatedAdvisories(advisoryCount, releases);
  const named = new Set(feed.flatMap((a) => a.packages.map((p) => p.name)));
  const pool = packagePool();
  const hostName = (i: number) => `host-${i}.bench.example`;
  for (let i = 0; i < hostCount; i++) {
    const packages = normalizePackages(behindOn(hostPackages(pool, i, 1), i, named), 'bench');
    await inventory.ingest({ host: { name: hostName(i), customer: `customer-${i % customerCount}`, osCodename: releases[i % releases.length]!, kernel: '6.1.0-18-amd64' }, packages });
  }
  const tagged = Array.from({ length: hostCount }, (_, i) => `${hostName(i)},customer-${i % customerCount},${roles[Math.floor(i / customerCount) % roles.length]}|${i % 5 === 0 ? 'staging' : 'prod'}`);
  await importHosts(inventory.store, `name,customer,tags\n${tagged.join('\n')}\n`);
  console.log(`fleet: ${hostCount} hosts × ${perHost} packages in ${customerCount} customers, ${ms(t)}`);

  t = performance.now();
  await advisories.store.transaction((tx) => tx.saveAdvisories(feed, new Date().toISOString()));
  const evaluated = await advisories.evaluate();
  console.log(`advisories: ${feed.length}, ${evaluated.opened} exposures opened, ${ms(t)}`);

  const made = await Promise.all([
    policies.create({ name: 'nightly', mode: 'automatic', patchWindow: { kind: 'daily', at: '02:00', minutes: 120 }, rebootWindow: { kind: 'daily', at: '04:00', minutes: 30 } }),
    policies.create({ name: 'twice-weekly', mode: 'automatic', timeZone: 'Europe/Zurich', installs: 'all', patchWindow: { kind: 'weekly', days: ['mon', 'thu'], at: '22:30', minutes: 90 }, rebootWindow: { kind: 'weekly', days: ['sun'], at: '03:00', minutes: 60 }, deadline: '2d' }),
    policies.create({ name: 'workdays', mode: 'automatic', timeZone: 'America/New_York', patchWindow: { kind: 'cron', expression: '30 1 * * 1-5', minutes: 60 }, rebootWindow: { kind: 'cron', expression: '0 3 * * 6', minutes: 60 } }),
    policies.create({ name: 'by-hand', mode: 'manual' }),
  ]);
  const customers = await inventory.listCustomers({ customerId: null });
  for (const [c, customer] of customers.entries()) {
    if (c % 4 !== 3) await policies.assign(made[c % made.length]!.id, { customer: customer.id });
    if (c % 2 === 0) await policies.assign(made[(c + 1) % made.length]!.id, { customer: customer.id, tag: 'db' });
  }

  // Marks on what is really open: 70 % on hosts, 20 % on customers, 10 % on customers' tags.
  t = performance.now();
  const open = await sql<{ advisory: string; host: number; customer: number }>`
    select a.advisory_id as advisory, e.host_id as host, h.customer_id as customer from exposures e
    join advisories a on a.id = e.advisory join hosts h on h.id = e.host_id
    where e.closed_at is null and e.id % 7 = 0 order by e.id limit ${markCount}`.execute(steward.db.kysely);
  const states: MarkState[] = ['patched', 'compensated', 'accepted-risk', 'not-applicable'];
  for (const [n, e] of open.rows.entries()) {
    const base = { advisory: e.advisory, state: states[n % states.length]!, justification: `bench mark ${n}` };
    const target = n % 10 < 7 ? { hosts: [e.host] } : n % 10 < 9 ? { customer: e.customer } : { customer: e.customer, tag: roles[n % roles.length]! };
    await marks.add('bench', { ...base, target });
  }
  console.log(`policies: ${made.length} on ${customers.length} customers and their db tag; marks: ${open.rows.length}, ${ms(t)}`);
  await advisories.settle(); // the hosts' reports above are evaluated before anything is measured
}

interface LoadResult {
  requests: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  non2xx: number;
  errors: number;
}

/** autocannon in a child process (tsx), so that the server keeps the main process's event loop to itself. */
function load(url: string, paths: string[], token: string): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'bench/load-client.ts'), JSON.stringify({ url, paths, connections, seconds })], {
      env: { ...process.env, BENCH_TOKEN: token },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').at(-1)!) as LoadResult) : reject(new Error(`load client exited with ${code}`))));
  });
}

const line = (label: string, what: string, r: LoadResult) =>
  `${label.padEnd(9)} ${what}: p50 ${r.p50.toFixed(0)} ms, p95 ${r.p95.toFixed(0)} ms, p99 ${r.p99.toFixed(0)} ms, max ${r.max.toFixed(0)} ms; ${r.perSecond.toFixed(0)} req/s, ${r.requests} requests${r.non2xx + r.errors > 0 ? `, ${r.non2xx} non-2xx, ${r.errors} errors` : ''} — target p95 ≤ 100 ms: ${r.p95 <= 100 ? 'met' : 'MISSED'}`;

async function run(label: string, url: string, dataDir: string): Promise<void> {
  const config = { ...loadConfig({ dataDir, databaseUrl: url, host: '127.0.0.1', port: 0, roles: ['api'], logLevel: 'warn' }, {}), adminPassword: 'bench admin password' };
  const server = await startServer(config, createLogger('warn'));
  try {
    const { steward } = server;
    await buildFleet(steward);
    const admin = await steward.auth.findUser('admin');
    const { secret } = await steward.auth.createToken({ userId: admin.id, role: 'admin' }, 'bench', 'api');
    const widest = await sql<{ advisory: string; hosts: number }>`
      select a.advisory_id as advisory, count(distinct e.host_id) as hosts from exposures e join advisories a on a.id = e.advisory
      where e.closed_at is null group by a.advisory_id order by count(distinct e.host_id) desc limit 1`.execute(steward.db.kysely);
    const top = widest.rows[0]!;
    const customers = await steward.inventory.listCustomers({ customerId: null });
    const customerPaths = customers.map((c) => `/api/v1/customers/${c.id}/report`);
    const advisoryPath = `/api/v1/advisories/${encodeURIComponent(top.advisory)}/report`;
    // Each report built once, one at a time: what the first reader after a write waits (answers are then served
    // again until the next write or the next change by the clock; the load below reads those).
    const cold = async (paths: string[]) => {
      const t = performance.now();
      for (const path of paths) {
        const res = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${secret}` } });
        if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
        await res.arrayBuffer();
      }
      return ((performance.now() - t) / paths.length).toFixed(0);
    };
    console.log(`${label.padEnd(9)} built after a write (one client): per-advisory ${await cold([advisoryPath])} ms, per-customer ${await cold(customerPaths)} ms on average`);
    const advisory = await load(server.url!, [advisoryPath], secret);
    console.log(line(label, `per-advisory report (${top.advisory}, ${top.hosts} hosts)`, advisory));
    const perCustomer = await load(server.url!, customerPaths, secret);
    console.log(line(label, `per-customer report (each of ${customers.length} in turn)`, perCustomer));

    const out = mkdtempSync(join(dataDir, 'hiera-'));
    const t = performance.now();
    const written = await steward.exports.writeHiera(join(out, 'hieradata'));
    const exportMs = performance.now() - t;
    const files = readdirSync(join(out, 'hieradata', 'nodes')).length;
    console.log(`${label.padEnd(9)} hiera export of every host: ${exportMs.toFixed(0)} ms, ${files} node files, ${written.customers} customer and ${written.tags} tag files — target ≤ 5000 ms: ${exportMs <= 5000 ? 'met' : 'MISSED'}`);
    rmSync(out, { recursive: true, force: true });
  } finally {
    await server.close();
  }
}

export async function main(): Promise<void> {
  console.log(`bench/reports${smoke ? ' (smoke)' : ''}: ${hostCount} hosts, ${customerCount} customers, ${advisoryCount} advisories, ${markCount} marks; ${connections} clients for ${seconds} s each`);
  await eachDatabase((label, url, dataDir) => run(label, url, dataDir));
}
