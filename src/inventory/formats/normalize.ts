// Checks and orders packages whatever format they came in, so equal package sets compare (and digest) equal.
// The parsers build fresh package objects, so these are kept as they are, not copied.
import { ReportFormatError, type ReportedPackage } from '../report.js';

const namePattern = /^[a-z0-9][a-z0-9+.-]*$/;
// Debian policy's version charset (epoch colon included); stricter than "no whitespace", so that a column shifted
// by a broken export (a description, a date) is caught rather than stored as a version.
const versionPattern = /^[A-Za-z0-9.+~:-]+$/;
const archPattern = /^[a-z0-9-]+$/;
const maxLength = 200;

/** Why a package is invalid, or undefined; the message is built only on failure (this runs for every package). */
function problem(p: ReportedPackage): string | undefined {
  if (!namePattern.test(p.name) || p.name.length > maxLength) return 'not a valid Debian package name (a-z, 0-9, "+", "-", "." starting with a letter or digit)';
  if (!namePattern.test(p.source) || p.source.length > maxLength) return `source ${JSON.stringify(p.source)} is not a valid package name`;
  if (!versionPattern.test(p.version) || p.version.length > maxLength) return `version ${JSON.stringify(p.version)} is not a version`;
  if (!versionPattern.test(p.sourceVersion) || p.sourceVersion.length > maxLength) return `sourceVersion ${JSON.stringify(p.sourceVersion)} is not a version`;
  if (!archPattern.test(p.arch)) return `architecture ${JSON.stringify(p.arch)} is not valid`;
  return undefined;
}

export function normalizePackages(pkgs: ReportedPackage[], context: string): ReportedPackage[] {
  let sorted = true;
  for (let i = 0; i < pkgs.length; i++) {
    const p = pkgs[i]!;
    const bad = problem(p);
    if (bad) throw new ReportFormatError(bad, `${context}: package ${JSON.stringify(p.name)}`);
    if (i > 0 && bySlotOrder(pkgs[i - 1]!, p) > 0) sorted = false;
  }
  // Agents send packages already in order; checking is cheaper than sorting 1,500 entries again. Once in order,
  // two entries for one (name, arch) are neighbours: no map of all packages is needed to find them.
  const ordered = sorted ? pkgs : [...pkgs].sort(bySlotOrder);
  const out: ReportedPackage[] = [];
  for (const p of ordered) {
    const seen = out[out.length - 1];
    if (!seen || bySlotOrder(seen, p) !== 0) out.push(p);
    else if (seen.version !== p.version) {
      throw new ReportFormatError(`listed twice with different versions: ${seen.version} and ${p.version}`, `${context}: package ${p.name}:${p.arch}`);
    } else if (seen.source !== p.source || seen.sourceVersion !== p.sourceVersion) {
      const from = (q: ReportedPackage) => `${q.source} ${q.sourceVersion}`;
      throw new ReportFormatError(`listed twice as version ${p.version} built from different sources: ${from(seen)} and ${from(p)}`, `${context}: package ${p.name}:${p.arch}`);
    }
  }
  return out;
}

const bySlotOrder = (a: ReportedPackage, b: ReportedPackage): number =>
  a.name < b.name ? -1 : a.name > b.name ? 1 : a.arch < b.arch ? -1 : a.arch > b.arch ? 1 : 0;
