// `steward scan`: one host's packages against advisories read from files, in memory — no server, no database. The
// same matcher as the server's (an AdvisoryIndex whose advisory numbers are positions in the list read), so that the
// report is the one the server would give for a host with these packages on this release.
import { AdvisoryIndex, type PackageTuple } from './matcher.js';
import { exposuresOf } from './exposures.js';
import type { ParsedAdvisory, ParsedFeed } from './model.js';
import type { ExposureState } from './schema.js';
import { InvalidVersionError } from './version.js';

/** One installed package hit by one advisory: `steward scan --json` prints these keys and no others. */
export interface ScanExposure {
  advisory: string;
  package: string;
  installedVersion: string;
  fixedVersion: string | null;
  state: ExposureState;
}

export interface ScanReport {
  release: string;
  packages: number;
  advisories: number;
  /** With the architecture, which the JSON leaves out (a package installed for two architectures is one entry there). */
  exposures: (ScanExposure & { arch: string })[];
  /** Kernels installed but not the running one: listed apart, as the server does. */
  notRunningKernels: (ScanExposure & { arch: string })[];
  /** Installs every available fix of the exposures (not of the kernels that are not running). */
  fixCommand: string | null;
  /** Installed packages whose version dpkg would refuse: they cannot be ordered, so they are not judged. */
  unjudged: { name: string; version: string }[];
}

/**
 * The exposures of `packages` on `release` to the advisories of `feeds`, taken as importing them in this order would
 * leave them: an advisory in more than one feed counts as its last one, and one a later feed withdraws counts not.
 * With `runningKernel` null, no kernel is set apart: which one runs is not known.
 */
export function scanPackages(packages: PackageTuple[], release: string, feeds: ParsedFeed[], runningKernel: string | null): ScanReport {
  const byId = new Map<string, ParsedAdvisory>();
  for (const feed of feeds) {
    for (const a of feed.advisories) byId.set(a.id, a);
    for (const id of feed.withdrawn ?? []) byId.delete(id);
  }
  const advisories = [...byId.values()];
  const index = new AdvisoryIndex();
  advisories.forEach((a, i) => {
    for (const p of a.packages) index.add(p.release, p.kind, p.name, { advisory: i, fixedVersion: p.fixedVersion, state: p.state });
  });

  const unjudged: ScanReport['unjudged'] = [];
  const judged = packages.map((tuple) => {
    try {
      return { tuple, findings: index.evaluate(release, tuple) };
    } catch (err) {
      if (!(err instanceof InvalidVersionError)) throw err;
      unjudged.push({ name: tuple.name, version: tuple.version });
      return { tuple, findings: [] };
    }
  });
  const all = exposuresOf(judged, runningKernel)
    .map((e) => ({ advisory: advisories[e.advisory]!.id, package: e.package, arch: e.arch, installedVersion: e.installedVersion, fixedVersion: e.fixedVersion, state: e.state, apart: runningKernel !== null && e.notRunning }))
    .sort((a, b) => order(a.advisory, b.advisory) || order(a.package, b.package) || order(a.arch, b.arch));
  const strip = ({ apart: _, ...e }: (typeof all)[number]) => e;
  const exposures = all.filter((e) => !e.apart).map(strip);
  const upgradable = [...new Set(exposures.filter((e) => e.state === 'fixed-available').map((e) => e.package))].sort(order);
  return {
    release,
    packages: packages.length,
    advisories: advisories.length,
    exposures,
    notRunningKernels: all.filter((e) => e.apart).map(strip),
    fixCommand: upgradable.length ? `apt-get install --only-upgrade ${upgradable.join(' ')}` : null,
    unjudged,
  };
}

/** Code-point order: the same on every machine, whatever its locale. */
const order = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The report as `steward scan --json` prints it: exactly `{exposures: [{advisory, package, installedVersion, fixedVersion, state}]}`. */
export function scanJson(report: ScanReport): { exposures: ScanExposure[] } {
  const seen = new Set<string>();
  const exposures: ScanExposure[] = [];
  for (const e of report.exposures) {
    const entry = { advisory: e.advisory, package: e.package, installedVersion: e.installedVersion, fixedVersion: e.fixedVersion, state: e.state };
    const key = JSON.stringify(entry);
    if (!seen.has(key)) exposures.push(entry);
    seen.add(key);
  }
  return { exposures };
}
