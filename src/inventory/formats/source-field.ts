// dpkg's Source field: absent (the binary is its own source), `name`, or `name (version)` when the source version
// differs from the binary's. osquery passes the field through verbatim, so both parsers share this.
import { ReportFormatError } from '../report.js';

export function splitSource(field: string | undefined, name: string, version: string, where: string): { source: string; sourceVersion: string } {
  const value = field?.trim();
  if (!value) return { source: name, sourceVersion: version };
  const m = /^(\S+)(?:\s+\(([^()\s]+)\))?$/.exec(value);
  if (!m) throw new ReportFormatError(`Source field ${JSON.stringify(value)} is not "name" or "name (version)"`, where);
  return { source: m[1]!, sourceVersion: m[2] ?? version };
}
