// bench/udp-ingest: app version updates over UDP on loopback. A separate process (udp-sender.c, compiled here with
// the system's C compiler: a Node sender would take most of a core from the server on this 2-core machine) offers
// 1M updates of 1,000 hosts × 50 apps × 3 instances to a real `steward serve`, at increasing rates; each phase prints what was
// offered, what the server processed (its own counters, /debug/vars) and the ratio, then the server's peak RSS and
// whether the database holds the last update of every record. On SQLite and, when reachable, PostgreSQL.
// Peer: the original Partisci server (Go) processed 72 % of 300k updates offered at ~117k/s on this machine, keeping
// nothing on disk (measured when the issue was written; Go and its sources are not installable here).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { openDatabase } from '../src/core/db/database.js';
import { recordCount, updateAt, type SenderPlan } from './udp-plan.js';
import { eachDatabase } from './databases.js';

const smoke = process.env.BENCH_SMOKE === '1';
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const adminPassword = 'bench admin password';
const phases = smoke
  ? [
      { rate: 20_000, updates: 40_000 },
      { rate: 50_000, updates: 60_000 },
    ]
  : [
      { rate: 50_000, updates: 150_000 },
      { rate: 100_000, updates: 250_000 },
      // The peer's figure was measured with 300k updates at ~117k/s.
      { rate: 117_000, updates: 300_000 },
      { rate: 200_000, updates: 300_000 },
    ];

interface Vars {
  partisci: { received: number; accepted: number; rejected: number; pendingChanges: number; flushes: number; lastFlushMs: number; udpMaxDelayMs: number };
}

async function startServer(databaseUrl: string, dataDir: string): Promise<{ url: string; udpPort: number; child: ChildProcess }> {
  // BENCH_PROFILE=DIR writes CPU profiles of the server (main thread and UDP thread) there.
  const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_PROFILE] : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', join(root, 'src/cli/main.ts'), ...(process.env.BENCH_CONFIG ? ['--config', process.env.BENCH_CONFIG] : []), 'serve', '--port', '0', '--partisci-port', '0', '--database', databaseUrl, '--data', dataDir, '--log-level', 'warn'], {
    cwd: root,
    env: { ...process.env, STEWARD_ADMIN_PASSWORD: adminPassword, STEWARD_PARTISCI_TRIM_AFTER: 'off' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let url: string | undefined;
  for await (const line of createInterface({ input: child.stdout! })) {
    url ??= /running at (http:\/\/\S+)/.exec(line)?.[1];
    const udp = /\(UDP\) on \S+:(\d+)/.exec(line)?.[1];
    if (url && udp) return { url, udpPort: Number(udp), child };
  }
  throw new Error('steward serve exited before listening');
}

const vars = async (url: string): Promise<Vars> => (await fetch(`${url}/debug/vars`)).json() as Promise<Vars>;

/** The server is done with a phase when its received counter stops moving and no change waits to be written
 *  (repeats, written every few seconds, may still wait): each phase then measures one rate, not the backlog of the
 *  phase before. */
async function drained(url: string): Promise<Vars> {
  let last = await vars(url);
  for (let still = 0; still < 5 || last.partisci.pendingChanges > 0; ) {
    await new Promise((r) => setTimeout(r, 100));
    const now = await vars(url);
    still = now.partisci.received === last.partisci.received ? still + 1 : 0;
    last = now;
  }
  return last;
}

/** Datagrams the kernel dropped for want of room in a socket's buffer, machine-wide (Linux). */
function kernelDrops(): number {
  const lines = readFileSync('/proc/net/snmp', 'utf8').split('\n').filter((l) => l.startsWith('Udp:'));
  const [names, values] = lines.map((l) => l.split(/\s+/));
  return Number(values?.[names?.indexOf('RcvbufErrors') ?? -1] ?? NaN);
}

function peakRssMb(pid: number): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

/** Compiles the sender and writes every datagram of the plan (2-byte length, bytes) to a file it sends from. */
function prepareSender(dir: string, plan: SenderPlan): { binary: string; datagrams: string } {
  const binary = join(dir, 'udp-sender');
  execFileSync('cc', ['-O2', '-o', binary, join(root, 'bench/udp-sender.c')]);
  const total = plan.phases.reduce((n, p) => n + p.updates, 0);
  const parts: Buffer[] = [];
  for (let i = 0; i < total; i++) {
    const body = Buffer.from(JSON.stringify(updateAt(plan, i)));
    const len = Buffer.alloc(2);
    len.writeUInt16LE(body.length);
    parts.push(len, body);
  }
  const datagrams = join(dir, 'datagrams.bin');
  writeFileSync(datagrams, Buffer.concat(parts));
  return { binary, datagrams };
}

async function runBench(label: string, databaseUrl: string, dataDir: string): Promise<void> {
  const { url, udpPort, child } = await startServer(databaseUrl, dataDir);
  const plan: SenderPlan = { port: udpPort, hosts: smoke ? 200 : 1000, apps: 50, instances: 3, phases };
  const { binary, datagrams } = prepareSender(dataDir, plan);
  const sender = spawn(binary, [String(udpPort), datagrams, ...phases.map((p) => `${p.rate}:${p.updates}`)], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: sender.stdout! })[Symbol.asyncIterator]();
  try {
    let before = await vars(url);
    let offered = 0;
    let processed = 0;
    for (const phase of phases) {
      const drops = kernelDrops();
      sender.stdin!.write('go\n');
      const { value } = await lines.next();
      const report = JSON.parse(value as string) as { sent: number; errors: number; achieved: number };
      const sent = { sent: report.sent - report.errors, achieved: report.achieved };
      const after = await drained(url);
      const got = after.partisci.accepted - before.partisci.accepted;
      offered += sent.sent;
      processed += got;
      console.log(
        `${label.padEnd(9)} offered ${sent.sent} at ${(sent.achieved / 1000).toFixed(0)}k/s (asked ${phase.rate / 1000}k/s): processed ${got} = ${((100 * got) / sent.sent).toFixed(2)} %` +
          `  (kernel drops ${kernelDrops() - drops}; flushes so far ${after.partisci.flushes}, last flush ${after.partisci.lastFlushMs} ms; longest UDP thread stall so far ${after.partisci.udpMaxDelayMs} ms)`,
      );
      before = after;
    }
    // A read flushes what the server still holds; then the database must hold the last update of every record.
    const login = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: adminPassword }) });
    await fetch(`${url}/api/v1/app-versions?limit=1`, { headers: { cookie: login.headers.get('set-cookie')!.split(';')[0]! } });
    const mismatches = await compareFinalState(databaseUrl, plan);
    console.log(
      `${label.padEnd(9)} total offered ${offered}, processed ${processed} = ${((100 * processed) / offered).toFixed(2)} %; peak RSS ${peakRssMb(child.pid!).toFixed(0)} MB; ` +
        `records not at their last update: ${mismatches} of ${recordCount(plan)}`,
    );
    // With nothing lost, every record must hold its last update: anything else is a bug, not a figure.
    if (processed === offered && mismatches > 0) throw new Error(`${mismatches} records do not hold their last update although every update was processed`);
  } finally {
    sender.kill();
    child.kill('SIGTERM');
    await new Promise((done) => child.once('exit', done));
  }
}

async function compareFinalState(databaseUrl: string, plan: SenderPlan): Promise<number> {
  const total = plan.phases.reduce((n, p) => n + p.updates, 0);
  const last = new Map<string, string>();
  for (let i = total - recordCount(plan); i < total; i++) {
    const u = updateAt(plan, i);
    last.set(`${u.app}\n${u.host}\n${u.instance}`, u.ver);
  }
  const db = openDatabase(databaseUrl);
  try {
    const rows = await db.kysely.selectFrom('app_records').select(['app', 'host', 'instance', 'ver']).execute();
    const stored = new Map(rows.map((r: { app: string; host: string; instance: number; ver: string }) => [`${r.app}\n${r.host}\n${r.instance}`, r.ver]));
    let wrong = 0;
    for (const [key, ver] of last) if (stored.get(key) !== ver) wrong++;
    return wrong;
  } finally {
    await db.close();
  }
}

export async function main(): Promise<void> {
  console.log(`bench/udp-ingest${smoke ? ' (smoke)' : ''}: ${phases.reduce((n, p) => n + p.updates, 0)} updates over UDP from a separate process, in phases of ${phases.map((p) => `${p.rate / 1000}k/s`).join(', ')}`);
  await eachDatabase((label, url, dir) => runBench(label, url, dir));
}
