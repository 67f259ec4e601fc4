// The synthetic fleet of the benchmarks: hosts built from the real Debian 12 status file's names and versions, each
// a different window of a 2,300-package pool, with per-host variations.
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDpkgStatus } from '../src/inventory/formats/index.js';
import type { ReportedPackage } from '../src/inventory/report.js';
import { parseDsaList, parseOsv, parseUsnJson } from '../src/advisories/importers/index.js';
import type { ParsedAdvisory } from '../src/advisories/model.js';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const fixturesDir = resolve(process.env.STEWARD_FIXTURES ?? resolve(root, '../shared/fixtures'));
export const statusFile = resolve(fixturesDir, 'dpkg/status-debian12-sample');
export const perHost = 1500;

/** A pool of 2,300 packages: the real ones, plus renamed copies carrying real versions. */
export function packagePool(): ReportedPackage[] {
  const real = parseDpkgStatus(readFileSync(statusFile, 'utf8'));
  const pool = [...real];
  for (let copy = 1; pool.length < 2300; copy++) {
    for (const p of real) pool.push({ ...p, name: `${p.name}-v${copy}`, source: `${p.source}-v${copy}` });
  }
  return pool.slice(0, 2300);
}

/** Host i: 1,500 packages of the pool from an offset; ~3 % carry a host-group rebuild version; round 2 upgrades 2 %. */
export function hostPackages(pool: ReportedPackage[], i: number, round: number): ReportedPackage[] {
  const start = (i * 37) % (pool.length - perHost);
  const pkgs = pool.slice(start, start + perHost).map((p, j) =>
    (j + i) % 33 === 0 ? { ...p, version: `${p.version}+g${i % 10}`, sourceVersion: `${p.sourceVersion}+g${i % 10}` } : p,
  );
  if (round < 2) return pkgs;
  return pkgs.map((p, j) => (j % 50 === i % 50 ? { ...p, version: `${p.version}+deb12u1`, sourceVersion: `${p.sourceVersion}+deb12u1` } : p));
}

/** The real advisories, and copies of them moved onto the fleet's other releases, up to `target`. */
export function replicatedAdvisories(target: number, releases: string[]): ParsedAdvisory[] {
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
export function behindOn(packages: ReportedPackage[], i: number, named: ReadonlySet<string>): ReportedPackage[] {
  if (i % 3 !== 0) return packages;
  return packages.map((p) => (named.has(p.source) && (p.name.length + i) % 4 === 0 ? { ...p, version: older(p.version), sourceVersion: older(p.sourceVersion) } : p));
}

/** A version below every version of its epoch: `0~` in front of the upstream part. */
export const older = (v: string) => v.replace(/^(\d+:)?/, (epoch) => `${epoch}0~`);
