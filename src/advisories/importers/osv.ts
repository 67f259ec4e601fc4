// OSV records (ossf/osv-schema) from Ubuntu (canonical/ubuntu-security-notices osv/) and Debian (osv.dev):
//   {id, summary, details, published, aliases, upstream, related, withdrawn,
//    affected: [{package: {ecosystem: "Ubuntu:22.04:LTS", name: <source>},
//                ranges: [{type: "ECOSYSTEM", events: [{introduced: "0"}, {fixed: <version>}]}],
//                ecosystem_specific: {binaries: [{binary_name, binary_version}]}}]}
// An entry without a `fixed` event is unfixed (osv.dev's Debian records for open and end-of-life issues look so; it
// leaves not-affected ones out). An entry of an ecosystem Steward does not know (Alpine:v3.18…) is left out and
// counted, not refused: a feed may mix distributions, and the rest of the record still holds.
import { FeedFormatError, type AdvisorySource, type ParsedAdvisory, type ParsedFeed } from '../model.js';
import { releaseFromOsvEcosystem } from '../releases.js';
import { cvesAmong } from './cve-ids.js';
import { at, expect, field, optionalField, parseJson, type Json, type JsonObject } from './json-fields.js';
import { PackageList, type PackageRef } from './package-list.js';
import { countSkipped } from './skipped.js';

export const unknownEcosystemSkipped = (ecosystem: string) => `affected entry of unknown ecosystem ${ecosystem}`;
export const noKnownEcosystemSkipped = 'record without an affected entry of a known ecosystem';
export const withdrawnSkipped = 'withdrawn record';

export interface OsvFile {
  name: string;
  text: string;
}

/** One OSV record, or an array of them. */
export function parseOsv(text: string): ParsedFeed {
  const feed = new OsvFeed();
  feed.addDocument(parseJson(text, 'OSV'), '$');
  return feed.result();
}

/** The files of an OSV folder (one record or an array per file); errors name the file. */
export function parseOsvFiles(files: Iterable<OsvFile>): ParsedFeed {
  const feed = new OsvFeed();
  for (const { name, text } of files) feed.addDocument(parseJson(text, name), `${name} $`);
  return feed.result();
}

class OsvFeed {
  private readonly advisories: ParsedAdvisory[] = [];
  private readonly seen = new Map<string, string>();
  private readonly skipped: Record<string, number> = {};
  private readonly withdrawn: string[] = [];

  addDocument(doc: Json, path: string): void {
    if (Array.isArray(doc)) doc.forEach((record, i) => this.addRecord(expect(record, 'object', at(path, i)), at(path, i)));
    else this.addRecord(expect(doc, 'object', path), path);
  }

  result(): ParsedFeed {
    return { advisories: this.advisories, skipped: this.skipped, ...(this.withdrawn.length ? { withdrawn: this.withdrawn } : {}) };
  }

  private addRecord(record: JsonObject, path: string): void {
    const id = field(record, 'id', 'string', path);
    if (!/^\S+$/.test(id)) throw new FeedFormatError(`invalid record id ${JSON.stringify(id)}`, at(path, 'id'));
    const first = this.seen.get(id);
    if (first !== undefined) throw new FeedFormatError(`record ${id} appears twice (first at ${first})`, path);
    this.seen.set(id, path);
    if (optionalField(record, 'withdrawn', 'string', path) !== undefined) {
      this.withdrawn.push(id);
      return countSkipped(this.skipped, withdrawnSkipped);
    }

    const packages = new PackageList();
    let source: AdvisorySource | undefined;
    const affected = field(record, 'affected', 'array', path);
    affected.forEach((value, i) => {
      const entryPath = at(at(path, 'affected'), i);
      const entry = expect(value, 'object', entryPath);
      const pkg = field(entry, 'package', 'object', entryPath);
      const ecosystem = field(pkg, 'ecosystem', 'string', at(entryPath, 'package'));
      const release = releaseFromOsvEcosystem(ecosystem);
      if (!release) return countSkipped(this.skipped, unknownEcosystemSkipped(ecosystem));
      if (source !== undefined && release.distro !== source) {
        throw new FeedFormatError(`record mixes ${source} and ${release.distro} ecosystems; an advisory has one source`, at(entryPath, 'package'));
      }
      source = release.distro;
      const name = field(pkg, 'name', 'string', at(entryPath, 'package'));
      addAffected(packages, { release: release.codename, kind: 'source', name }, entry, entryPath);
    });
    if (source === undefined) return countSkipped(this.skipped, noKnownEcosystemSkipped);

    const details = optionalField(record, 'details', 'string', path);
    const published = optionalField(record, 'published', 'string', path);
    const ids = ['aliases', 'upstream', 'related'].flatMap((key) =>
      (optionalField(record, key, 'array', path) ?? []).map((v, i) => expect(v, 'string', at(at(path, key), i))),
    );
    this.advisories.push({
      id,
      source,
      title: optionalField(record, 'summary', 'string', path) || details?.split('\n', 1)[0]!.trim() || id,
      ...(details ? { description: details } : {}),
      ...(published === undefined ? {} : { issued: isoOf(published, at(path, 'published')) }),
      cves: cvesAmong([id, ...ids]),
      packages: packages.packages,
    });
  }
}

/** The source package of one affected entry and, from `ecosystem_specific.binaries`, its binaries. */
function addAffected(packages: PackageList, ref: PackageRef, entry: JsonObject, path: string): void {
  const fixed = fixedVersionOf(entry, path);
  if (fixed === undefined) packages.without(ref, 'unfixed', path);
  else packages.fixed(ref, fixed.version, fixed.path);

  const specific = optionalField(entry, 'ecosystem_specific', 'object', path);
  const binariesPath = at(at(path, 'ecosystem_specific'), 'binaries');
  const binaries = specific ? (optionalField(specific, 'binaries', 'array', at(path, 'ecosystem_specific')) ?? []) : [];
  binaries.forEach((value, i) => {
    const binPath = at(binariesPath, i);
    const binary = expect(value, 'object', binPath);
    const bin = { release: ref.release, kind: 'binary' as const, name: field(binary, 'binary_name', 'string', binPath) };
    // Without a fix, binary_version is merely the version in the archive.
    if (fixed === undefined) packages.without(bin, 'unfixed', binPath);
    else packages.fixed(bin, field(binary, 'binary_version', 'string', binPath), at(binPath, 'binary_version'));
  });
}

/** The `fixed` event of the entry's ECOSYSTEM range(s); Steward keeps one fixed version per package and release. */
function fixedVersionOf(entry: JsonObject, path: string): { version: string; path: string } | undefined {
  const ranges = field(entry, 'ranges', 'array', path);
  let found: { version: string; path: string } | undefined;
  let ecosystemRanges = 0;
  ranges.forEach((value, i) => {
    const rangePath = at(at(path, 'ranges'), i);
    const range = expect(value, 'object', rangePath);
    // GIT and SEMVER ranges speak of upstream commits and versions, not of the distribution's packages.
    if (field(range, 'type', 'string', rangePath) !== 'ECOSYSTEM') return;
    ecosystemRanges++;
    field(range, 'events', 'array', rangePath).forEach((event, j) => {
      const eventPath = at(at(rangePath, 'events'), j);
      const version = optionalField(expect(event, 'object', eventPath), 'fixed', 'string', eventPath);
      if (version === undefined) return;
      if (found && found.version !== version) {
        throw new FeedFormatError(`a second fixed version ${JSON.stringify(version)} (after ${JSON.stringify(found.version)}): expected one per package and release`, eventPath);
      }
      found = { version, path: at(eventPath, 'fixed') };
    });
  });
  if (ecosystemRanges === 0) throw new FeedFormatError('expected a range of type ECOSYSTEM', at(path, 'ranges'));
  return found;
}

function isoOf(text: string, path: string): string {
  const time = Date.parse(text);
  if (!/^\d{4}-\d\d-\d\dT/.test(text) || Number.isNaN(time)) throw new FeedFormatError(`expected an RFC 3339 time, got ${JSON.stringify(text)}`, path);
  return new Date(time).toISOString();
}
