// The /var/lib/dpkg/status format: RFC 822-like stanzas separated by blank lines, continuation lines starting with
// a space or tab, field names case-insensitive. Only the fields Steward needs are kept.
import { ReportFormatError, type ReportedPackage } from '../report.js';
import { splitSource } from './source-field.js';

interface Stanza {
  line: number;
  fields: Map<string, string>;
}

/** Yields stanzas with the fields we use; continuation lines (descriptions, conffiles) are skipped cheaply. */
function* stanzas(text: string): Generator<Stanza> {
  let current: Stanza | null = null;
  let lineNo = 0;
  let pos = 0;
  while (pos <= text.length) {
    let end = text.indexOf('\n', pos);
    if (end === -1) end = text.length;
    const line = text.charCodeAt(end - 1) === 13 ? text.slice(pos, end - 1) : text.slice(pos, end);
    lineNo++;
    pos = end + 1;
    if (line.trim() === '') {
      if (current) yield current;
      current = null;
      continue;
    }
    const first = line.charCodeAt(0);
    if (first === 32 || first === 9) {
      if (!current) throw new ReportFormatError('continuation line before any field', `dpkg status line ${lineNo}`);
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) throw new ReportFormatError(`expected "Field: value", got ${JSON.stringify(line.slice(0, 60))}`, `dpkg status line ${lineNo}`);
    current ??= { line: lineNo, fields: new Map() };
    current.fields.set(line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim());
  }
  if (current) yield current;
}

export function parseDpkgStatus(text: string): ReportedPackage[] {
  const out: ReportedPackage[] = [];
  for (const { line, fields } of stanzas(text)) {
    const name = fields.get('package');
    const where = `dpkg status line ${line}${name ? ` (package ${name})` : ''}`;
    if (!name) throw new ReportFormatError('stanza has no Package field', where);
    const status = fields.get('status');
    if (status === undefined) throw new ReportFormatError('stanza has no Status field (truncated file?)', where);
    // Status is "want flag state"; only the state says whether it is installed (so "hold ok installed" counts).
    if (status.split(/\s+/)[2] !== 'installed') continue;
    const version = fields.get('version');
    const arch = fields.get('architecture');
    if (!version) throw new ReportFormatError('stanza has no Version field (truncated file?)', where);
    if (!arch) throw new ReportFormatError('stanza has no Architecture field (truncated file?)', where);
    const source = splitSource(fields.get('source'), name, version, where);
    out.push({ name, version, arch, ...source });
  }
  return out;
}
