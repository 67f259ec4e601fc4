// The advisory feed formats Steward reads, by the name `steward advisories import --format` takes, and how to tell
// them apart when the format is not given.
import { FeedFormatError, type ParsedFeed } from '../model.js';
import { parseDsaList } from './dsa-list.js';
import { isObject, parseJson } from './json-fields.js';
import { parseOsv } from './osv.js';
import { parseTrackerJson } from './tracker-json.js';
import { parseUsnJson } from './usn-json.js';

export type FeedFormat = 'dsa-list' | 'tracker-json' | 'usn-json' | 'osv';

export interface FeedFormatEntry {
  description: string;
  parse(text: string): ParsedFeed;
}

export const feedFormats: Record<FeedFormat, FeedFormatEntry> = {
  'dsa-list': { description: "Debian's DSA or DLA list (security-tracker data/DSA/list, data/DLA/list)", parse: parseDsaList },
  'tracker-json': { description: 'the Debian security tracker JSON (security-tracker.debian.org/tracker/data/json)', parse: parseTrackerJson },
  'usn-json': { description: 'Ubuntu Security Notices JSON: one notice (usn/<id>.json) or the usn-db map', parse: parseUsnJson },
  osv: { description: 'OSV records (Ubuntu osv/usn, osv.dev Debian): one record or an array', parse: parseOsv },
};

const listHeader = /^\[\d\d [A-Z][a-z]{2} \d{4}\] D[SL]A-/;
const noticeKey = /^\d+-\d+$/;
const issueKey = /^(?:CVE|TEMP)-/;

/** The format of a feed by its content; `fileName` only names the input in the error when none fits. */
export function detectFormat(text: string, fileName = 'input'): FeedFormat {
  const start = text.trimStart();
  if (listHeader.test(start)) return 'dsa-list';
  if (start.startsWith('{') || start.startsWith('[')) {
    const doc = parseJson(text, fileName);
    const record = Array.isArray(doc) ? doc[0] : doc;
    if (isObject(record) && ('schema_version' in record || 'affected' in record)) return 'osv';
    if (isObject(doc)) {
      if ('id' in doc && 'releases' in doc) return 'usn-json';
      const keys = Object.keys(doc);
      if (keys.length > 0 && keys.every((k) => noticeKey.test(k))) return 'usn-json';
      const sources = Object.values(doc);
      if (sources.every(isObject) && sources.some((issues) => Object.keys(issues).some((k) => issueKey.test(k)))) return 'tracker-json';
    }
  }
  throw new FeedFormatError(
    `cannot tell the feed format: expected a DSA/DLA list ("[DD Mon YYYY] DSA-…"), tracker JSON, USN JSON or OSV; name the format (${Object.keys(feedFormats).join(', ')})`,
    fileName,
  );
}
