// osquery's answer to `select name, version, source, arch, status from deb_packages`: the array `osqueryi --json`
// prints, or a scheduled-query log line `{ hostIdentifier, snapshot: [rows] }`. All values are strings; `source`
// is dpkg's Source field verbatim (empty when the binary is its own source).
import { ReportFormatError, type ReportedPackage } from '../report.js';
import { splitSource } from './source-field.js';

export function parseOsqueryDebPackages(value: unknown): { hostIdentifier?: string; packages: ReportedPackage[] } {
  let rows: unknown;
  let hostIdentifier: string | undefined;
  if (Array.isArray(value)) {
    rows = value;
  } else if (value !== null && typeof value === 'object' && 'diffResults' in value && !('snapshot' in value)) {
    // A differential log line holds only what changed since osquery's previous run, not the package list.
    throw new ReportFormatError('a differential result ("diffResults") lists changes only: schedule the query with "snapshot": true', 'osquery');
  } else if (value !== null && typeof value === 'object' && 'snapshot' in value) {
    const line = value as { snapshot: unknown; hostIdentifier?: unknown };
    rows = line.snapshot;
    if (line.hostIdentifier !== undefined) {
      if (typeof line.hostIdentifier !== 'string' || !line.hostIdentifier) throw new ReportFormatError('hostIdentifier must be a non-empty string', 'osquery');
      hostIdentifier = line.hostIdentifier;
    }
  } else {
    throw new ReportFormatError('expected an array of deb_packages rows or a log line with "snapshot"', 'osquery');
  }
  if (!Array.isArray(rows)) throw new ReportFormatError('"snapshot" must be an array of rows', 'osquery');

  const packages: ReportedPackage[] = [];
  rows.forEach((row: unknown, i) => {
    const where = `osquery row ${i}`;
    if (row === null || typeof row !== 'object' || Array.isArray(row)) throw new ReportFormatError('expected an object', where);
    const r = row as Record<string, unknown>;
    const column = (name: string, required: boolean): string | undefined => {
      const v = r[name];
      if (v === undefined || v === null) {
        if (required) throw new ReportFormatError(`column "${name}" is missing`, where);
        return undefined;
      }
      if (typeof v !== 'string') throw new ReportFormatError(`column "${name}" must be a string`, where);
      if (required && v.trim() === '') throw new ReportFormatError(`column "${name}" is empty`, where);
      return v;
    };
    const name = column('name', true)!;
    const version = column('version', true)!;
    const arch = column('arch', true)!;
    const status = column('status', false);
    // Without a status column the query listed installed packages only (older osquery versions).
    if (status !== undefined) {
      const words = status.trim().split(/\s+/);
      if (words.length !== 3) throw new ReportFormatError(`column "status" is ${JSON.stringify(status)}, not "want flag state"`, where);
      // Only the state says whether the package is on disk: "hold ok installed" counts, "deinstall ok config-files" not.
      if (words[2] !== 'installed') return;
    }
    packages.push({ name, version, arch, ...splitSource(column('source', false), name, version, where) });
  });
  return { hostIdentifier, packages };
}
