// How the agent reports: the first time (or when told to) the full package list; after that only what changed
// since the last report the server accepted, remembered in a small state file. The server refuses a change based
// on a set it does not have (409) or that does not apply (422); the agent then sends the full list instead.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { packageKey, packagesDigest } from '../digest.js';
import type { HostDelta, HostReport, ReportedPackage } from '../report.js';

export interface AgentState {
  server: string;
  host: string;
  /** The digest the server returned for the last accepted report. */
  digest: string;
  packages: ReportedPackage[];
}

export interface ReportOutcome {
  mode: 'full' | 'delta';
  result: { hostId: number; packagesChanged: boolean; digest: string; run?: { added: number; removed: number; upgraded: number } };
}

export class ReportError extends Error {}

export const defaultStatePath = (): string =>
  process.getuid?.() === 0 ? '/var/lib/steward/agent-state.json' : join(homedir(), '.local/state/steward/agent-state.json');

async function loadState(path: string): Promise<AgentState | undefined> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as AgentState;
  } catch {
    return undefined; // no state (first run) or an unreadable one: a full report starts over
  }
}

async function saveState(path: string, state: AgentState): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, JSON.stringify(state), { mode: 0o600 });
  await rename(tmp, path);
}

export function deltaFrom(state: AgentState, report: HostReport): HostDelta {
  const before = new Set(state.packages.map(packageKey));
  const now = new Set(report.packages.map(packageKey));
  return {
    host: report.host,
    base: state.digest,
    digest: packagesDigest(report.packages),
    count: report.packages.length,
    added: report.packages.filter((p) => !before.has(packageKey(p))),
    removed: state.packages.filter((p) => !now.has(packageKey(p))),
  };
}

export async function sendReport(opts: { server: string; token: string; report: HostReport; statePath: string; full?: boolean }): Promise<ReportOutcome> {
  const url = new URL('/api/v1/hosts/report', opts.server).toString();
  const post = async (body: unknown) => {
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${opts.token}` },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(60_000),
      });
    } catch (err) {
      throw new ReportError(`cannot reach ${new URL(url).origin}: ${(err as Error).message}`);
    }
    const payload = (await response.json().catch(() => null)) as { error?: { message: string } } | ReportOutcome['result'] | null;
    return { status: response.status, payload };
  };

  const state = opts.full ? undefined : await loadState(opts.statePath);
  let mode: ReportOutcome['mode'] = 'full';
  let answer;
  if (state && state.server === opts.server && state.host === opts.report.host.name) {
    mode = 'delta';
    answer = await post(deltaFrom(state, opts.report));
    if (answer.status === 409 || answer.status === 422) mode = 'full';
  }
  if (mode === 'full') answer = await post(opts.report);
  const { status, payload } = answer!;
  if (status !== 200) {
    const message = (payload as { error?: { message: string } } | null)?.error?.message ?? 'no explanation';
    throw new ReportError(`server answered ${status}: ${message}`);
  }
  const result = payload as ReportOutcome['result'];
  await saveState(opts.statePath, { server: opts.server, host: opts.report.host.name, digest: result.digest, packages: opts.report.packages });
  return { mode, result };
}
