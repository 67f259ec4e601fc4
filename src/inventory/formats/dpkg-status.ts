// The /var/lib/dpkg/status format: RFC 822-like stanzas separated by blank lines, continuation lines starting with
// a space or tab, field names case-insensitive. Only the fields Steward needs are kept.
// The scanner works on offsets into the text rather than on split lines: most of a status file is description and
// conffile continuation lines, and not copying them keeps a 650 KB file to a few milliseconds.
import { ReportFormatError, type ReportedPackage } from '../report.js';
import { splitSource } from './source-field.js';

const wanted = new Set(['package', 'status', 'version', 'architecture', 'source']);
const wantedLengths = new Set([...wanted].map((f) => f.length));
const SPACE = 32;
const TAB = 9;
const CR = 13;

function isFieldName(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === SPACE || c === TAB) return false;
  }
  return true;
}

const whereOf = (line: number, name: string | undefined): string => `dpkg status line ${line}${name ? ` (package ${name})` : ''}`;

/** Turns one finished stanza into a package, or nothing when the package is not installed. */
function packageOf(fields: Map<string, string>, line: number): ReportedPackage | undefined {
  const name = fields.get('package');
  const where = whereOf(line, name);
  if (!name) throw new ReportFormatError('stanza has no Package field', where);
  const status = fields.get('status');
  // Every stanza dpkg writes has a Status; without one the file was most likely cut short.
  if (status === undefined) throw new ReportFormatError('stanza has no Status field (truncated file?)', where);
  const words = status.split(/\s+/);
  if (words.length !== 3) throw new ReportFormatError(`Status field ${JSON.stringify(status)} is not "want flag state"`, where);
  // Only the state says whether the package is on disk: "hold ok installed" counts, "install ok unpacked" does not.
  if (words[2] !== 'installed') return undefined;
  const version = fields.get('version');
  if (!version) throw new ReportFormatError('stanza has no Version field (truncated file?)', where);
  const arch = fields.get('architecture');
  if (!arch) throw new ReportFormatError('stanza has no Architecture field (truncated file?)', where);
  return { name, version, arch, ...splitSource(fields.get('source'), name, version, where) };
}

export function parseDpkgStatus(text: string): ReportedPackage[] {
  const out: ReportedPackage[] = [];
  const fields = new Map<string, string>();
  let stanzaLine = 0; // line number where the current stanza began; 0 between stanzas
  let lineNo = 0;
  const endStanza = () => {
    if (stanzaLine === 0) return;
    const pkg = packageOf(fields, stanzaLine);
    if (pkg) out.push(pkg);
    fields.clear();
    stanzaLine = 0;
  };

  for (let pos = 0; pos < text.length; ) {
    const start = pos;
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    pos = end + 1;
    if (end > start && text.charCodeAt(end - 1) === CR) end--;
    lineNo++;

    const first = text.charCodeAt(start);
    if (first === SPACE || first === TAB) {
      let i = start + 1;
      while (i < end && (text.charCodeAt(i) === SPACE || text.charCodeAt(i) === TAB)) i++;
      if (i < end) {
        // A continuation of some field (description, conffiles); none of the fields we keep span lines.
        if (stanzaLine === 0) throw new ReportFormatError('continuation line before any field', whereOf(lineNo, undefined));
        continue;
      }
      // Only blanks: policy lets parsers treat it as a stanza separator, like an empty line.
    }
    if (first === SPACE || first === TAB || start === end) {
      endStanza();
      continue;
    }

    const colon = text.indexOf(':', start);
    if (colon <= start || colon >= end || !isFieldName(text, start, colon)) {
      const line = JSON.stringify(text.slice(start, Math.min(end, start + 60)));
      throw new ReportFormatError(`expected "Field: value", got ${line}`, whereOf(lineNo, fields.get('package')));
    }
    if (stanzaLine === 0) stanzaLine = lineNo;
    // Checking the length first spares copying and lower-casing the dozen other fields of every stanza.
    if (!wantedLengths.has(colon - start)) continue;
    const fieldName = text.slice(start, colon);
    const key = fieldName.toLowerCase();
    if (!wanted.has(key)) continue;
    // Two stanzas run together (a lost blank line) show up as a repeated field; taking either value would be a guess.
    if (fields.has(key)) throw new ReportFormatError(`duplicate ${fieldName} field (missing blank line between stanzas?)`, whereOf(lineNo, fields.get('package')));
    fields.set(key, text.slice(colon + 1, end).trim());
  }
  endStanza();
  return out;
}
