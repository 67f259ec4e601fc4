// From findings to exposures: what a host is exposed to now, and how that differs from what was recorded — which
// exposures open, and which close with which reason and evidence. Pure: the service reads and writes the rows.
import type { Finding, PackageTuple } from './matcher.js';
import { isRunningKernel } from './matcher.js';
import type { CloseReason, ExposureState } from './schema.js';

export interface Exposure {
  advisory: number;
  package: string;
  arch: string;
  installedVersion: string;
  fixedVersion: string | null;
  state: ExposureState;
  /** A kernel package installed but not running: listed apart. */
  notRunning: boolean;
}

export interface OpenExposure extends Exposure {
  id: number;
}

export interface ExposureChanges {
  open: Exposure[];
  close: { id: number; reason: CloseReason; evidenceVersion: string | null }[];
  /** Same package at the same version, but the advisory now says otherwise (a revision): updated in place. */
  update: { id: number; exposure: Exposure }[];
}

const slot = (e: { advisory: number; package: string; arch: string }) => `${e.advisory}\u0000${e.package}\u0000${e.arch}`;

/** Every exposure of a host: each installed package with each advisory that hits it. */
export function exposuresOf(packages: { tuple: PackageTuple; findings: Finding[] }[], runningKernel: string | null): Exposure[] {
  const out: Exposure[] = [];
  for (const { tuple, findings } of packages) {
    const running = isRunningKernel(tuple.name, runningKernel);
    for (const f of findings) {
      out.push({
        advisory: f.advisory,
        package: tuple.name,
        arch: tuple.arch,
        installedVersion: tuple.version,
        fixedVersion: f.fixedVersion,
        state: f.state,
        notRunning: running === false,
      });
    }
  }
  return out;
}

/**
 * What to record so that the open exposures become `now`. An exposure that is gone closes as `upgraded` (evidence:
 * the version the host has instead) or `removed`; one whose installed version changed but is still exposed closes as
 * `upgraded` and opens again at the new version.
 */
export function diffExposures(current: OpenExposure[], now: Exposure[], installed: InstalledLookup): ExposureChanges {
  const wanted = new Map(now.map((e) => [slot(e), e]));
  const changes: ExposureChanges = { open: [], close: [], update: [] };
  const kept = new Set<string>();
  for (const c of current) {
    const w = wanted.get(slot(c));
    if (w && w.installedVersion === c.installedVersion) {
      kept.add(slot(c));
      if (w.fixedVersion !== c.fixedVersion || w.state !== c.state || w.notRunning !== c.notRunning) changes.update.push({ id: c.id, exposure: w });
      continue;
    }
    const has = installed(c.package, c.arch);
    changes.close.push(has === undefined ? { id: c.id, reason: 'removed', evidenceVersion: null } : { id: c.id, reason: 'upgraded', evidenceVersion: has });
  }
  for (const [k, e] of wanted) if (!kept.has(k)) changes.open.push(e);
  return changes;
}

/** The version of (name, arch) a host has, if any: the evidence for closing an exposure. */
export type InstalledLookup = (name: string, arch: string) => string | undefined;

/** A lookup over a host's packages, built only when an exposure actually closes (most evaluations close none). */
export function installedVersions(tuples: () => Iterable<PackageTuple>): InstalledLookup {
  let byName: Map<string, string> | undefined;
  return (name, arch) => {
    byName ??= new Map(Array.from(tuples(), (t) => [`${t.name}\u0000${t.arch}`, t.version]));
    return byName.get(`${name}\u0000${arch}`);
  };
}
