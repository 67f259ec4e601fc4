// Ubuntu Security Notices in the Ubuntu Security Team's JSON: one notice (canonical/ubuntu-security-notices
// usn/<id>.json) or the usn-db map of them keyed "7000-1". A notice is
//   {id, title, summary, isummary, description, action, cves[], timestamp,
//    releases: {codename: {sources: {src: {version}}, binaries: {bin: {version, pocket}},
//                          allbinaries: {bin: {version, pocket, source}}, archs: …}}}
// Everything a notice lists is fixed at the version given: sources as source packages, binaries and allbinaries
// (which repeats and extends binaries) as binary ones. `archs` only lists download URLs and is not read.
import { FeedFormatError, type ParsedAdvisory, type ParsedFeed } from '../model.js';
import { cvesAmong } from './cve-ids.js';
import { at, expect, field, optionalField, parseJson, type JsonObject } from './json-fields.js';
import { PackageList } from './package-list.js';

const noticeKey = /^\d+-\d+$/;
const noticeId = /^(?:USN-)?(\d+-\d+)$/;
const packageGroups = [
  ['sources', 'source'],
  ['binaries', 'binary'],
  ['allbinaries', 'binary'],
] as const;

export function parseUsnJson(text: string): ParsedFeed {
  const root = expect(parseJson(text, 'USN JSON'), 'object', '$');
  if ('releases' in root || 'id' in root) return { advisories: [noticeOf(root, '$')], skipped: {} };
  const advisories = Object.entries(root).map(([key, value]) => {
    if (!noticeKey.test(key)) {
      throw new FeedFormatError(`expected a notice (with "id" and "releases") or a map of notices keyed like "7000-1", got key ${JSON.stringify(key)}`, '$');
    }
    return noticeOf(expect(value, 'object', at('$', key)), at('$', key), key);
  });
  return { advisories, skipped: {} };
}

function noticeOf(notice: JsonObject, path: string, key?: string): ParsedAdvisory {
  // usn/<id>.json says "USN-7000-1"; the usn-db map keys its notices "7000-1" and may leave the id out.
  const givenId = key === undefined ? field(notice, 'id', 'string', path) : optionalField(notice, 'id', 'string', path);
  const number = givenId === undefined ? key! : noticeId.exec(givenId)?.[1];
  if (number === undefined) throw new FeedFormatError(`expected a notice id like "USN-7000-1", got ${JSON.stringify(givenId)}`, at(path, 'id'));
  if (key !== undefined && number !== key) throw new FeedFormatError(`notice id ${JSON.stringify(givenId)} does not match its key`, at(path, 'id'));
  const id = `USN-${number}`;

  const timestamp = optionalField(notice, 'timestamp', 'number', path);
  const description = optionalField(notice, 'description', 'string', path);
  const cves = (optionalField(notice, 'cves', 'array', path) ?? []).map((c, i) => expect(c, 'string', at(at(path, 'cves'), i)));
  return {
    id,
    source: 'ubuntu',
    title: optionalField(notice, 'title', 'string', path) || optionalField(notice, 'summary', 'string', path) || id,
    ...(description ? { description } : {}),
    ...(timestamp === undefined ? {} : { issued: isoOf(timestamp, at(path, 'timestamp')) }),
    // The list also holds Launchpad bug URLs for notices that fix bugs without a CVE.
    cves: cvesAmong(cves),
    packages: packagesOf(field(notice, 'releases', 'object', path), at(path, 'releases')),
  };
}

function packagesOf(releases: JsonObject, path: string) {
  const packages = new PackageList();
  for (const [release, value] of Object.entries(releases)) {
    const releasePath = at(path, release);
    const groups = expect(value, 'object', releasePath);
    let listed = 0;
    for (const [group, kind] of packageGroups) {
      const groupPath = at(releasePath, group);
      for (const [name, entry] of Object.entries(optionalField(groups, group, 'object', releasePath) ?? {})) {
        const entryPath = at(groupPath, name);
        const version = field(expect(entry, 'object', entryPath), 'version', 'string', entryPath);
        packages.fixed({ release, kind, name }, version, at(entryPath, 'version'));
        listed++;
      }
    }
    if (listed === 0) throw new FeedFormatError('release lists no sources or binaries', releasePath);
  }
  return packages.packages;
}

function isoOf(seconds: number, path: string): string {
  const date = new Date(seconds * 1000);
  if (seconds < 0 || Number.isNaN(date.getTime())) throw new FeedFormatError(`invalid timestamp ${seconds}: expected unix seconds`, path);
  return date.toISOString();
}
