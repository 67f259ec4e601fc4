// The synthetic fleet of the benchmarks: hosts built from the real Debian 12 status file's names and versions, each
// a different window of a 2,300-package pool, with per-host variations.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDpkgStatus } from '../src/inventory/formats/index.js';
import type { ReportedPackage } from '../src/inventory/report.js';

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
