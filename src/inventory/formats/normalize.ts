// Checks and orders packages whatever format they came in, so equal package sets compare (and digest) equal.
import { ReportFormatError, type ReportedPackage } from '../report.js';

const namePattern = /^[a-z0-9][a-z0-9+.-]*$/;
const versionPattern = /^[A-Za-z0-9.+~:-]+$/;
const archPattern = /^[a-z0-9-]+$/;

export function normalizePackages(pkgs: ReportedPackage[], context: string): ReportedPackage[] {
  const bySlot = new Map<string, ReportedPackage>();
  for (const p of pkgs) {
    const where = `${context}: package ${JSON.stringify(p.name)}`;
    if (!namePattern.test(p.name) || p.name.length > 200) throw new ReportFormatError('not a valid Debian package name', where);
    if (!namePattern.test(p.source) || p.source.length > 200) throw new ReportFormatError(`source ${JSON.stringify(p.source)} is not a valid package name`, where);
    for (const [field, v] of [['version', p.version], ['sourceVersion', p.sourceVersion]] as const) {
      if (!versionPattern.test(v) || v.length > 200) throw new ReportFormatError(`${field} ${JSON.stringify(v)} is not a version`, where);
    }
    if (!archPattern.test(p.arch)) throw new ReportFormatError(`architecture ${JSON.stringify(p.arch)} is not valid`, where);
    const slot = `${p.name}:${p.arch}`;
    const seen = bySlot.get(slot);
    if (!seen) {
      bySlot.set(slot, { name: p.name, version: p.version, source: p.source, sourceVersion: p.sourceVersion, arch: p.arch });
    } else if (seen.version !== p.version || seen.source !== p.source || seen.sourceVersion !== p.sourceVersion) {
      throw new ReportFormatError(`listed twice with different versions: ${seen.version} and ${p.version}`, `${context}: package ${slot}`);
    }
  }
  return [...bySlot.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.arch < b.arch ? -1 : a.arch > b.arch ? 1 : 0));
}
