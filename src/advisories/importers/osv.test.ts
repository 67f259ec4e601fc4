import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fixture } from '../../../test/helpers/fixtures.js';
import { FeedFormatError, type AdvisoryPackage } from '../model.js';
import { noKnownEcosystemSkipped, parseOsv, parseOsvFiles, unknownEcosystemSkipped, withdrawnSkipped } from './osv.js';
import { parseUsnJson } from './usn-json.js';

const dir = fixture('ubuntu/osv');
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .map((name) => ({ name, text: readFileSync(`${dir}/${name}`, 'utf8') }));
const text = (name: string) => files.find((f) => f.name === name)!.text;

interface RawAffected {
  package: { ecosystem: string; name: string };
  ranges: { type: string; events: Record<string, string>[] }[];
  ecosystem_specific: { binaries: { binary_name: string; binary_version: string }[] };
}
interface RawRecord {
  id: string;
  withdrawn?: string;
  published?: string;
  affected: RawAffected[];
}
// A fixture as a plain object, to be changed in a test.
const record = (name: string) => JSON.parse(text(name)) as RawRecord;
const rejection = (where: string, message: RegExp) => expect.objectContaining({ name: FeedFormatError.name, where, message: expect.stringMatching(message) });
const fixed = (release: string, kind: AdvisoryPackage['kind'], name: string, fixedVersion: string): AdvisoryPackage => ({ release, kind, name, fixedVersion, state: 'fixed' });

describe('parseOsvFiles on the real Ubuntu OSV records', () => {
  const feed = parseOsvFiles(files);
  const byId = new Map(feed.advisories.map((a) => [a.id, a]));

  it('reads all 40 records, with a source entry and its binaries per affected entry', () => {
    expect(files).toHaveLength(40);
    expect(feed.skipped).toEqual({});
    expect(feed.advisories.map((a) => `${a.id}.json`)).toEqual(files.map((f) => f.name));
    for (const { name } of files) {
      const raw = record(name);
      const expected = raw.affected.reduce((n, a) => n + 1 + a.ecosystem_specific.binaries.length, 0);
      expect(byId.get(raw.id)!.packages, name).toHaveLength(expected);
      expect(byId.get(raw.id)!.source).toBe('ubuntu');
    }
  });

  it('reads USN-2169-1 as the record states it', () => {
    expect(byId.get('USN-2169-1')).toEqual({
      id: 'USN-2169-1',
      source: 'ubuntu',
      title: 'python-django vulnerabilities',
      description: expect.stringMatching(/^Benjamin Bach discovered that Django/),
      issued: '2014-04-22T11:58:31.107Z',
      // upstream: UBUNTU-CVE-2014-0472…
      cves: ['CVE-2014-0472', 'CVE-2014-0473', 'CVE-2014-0474'],
      packages: [
        fixed('trusty', 'source', 'python-django', '1.6.1-2ubuntu0.1'),
        fixed('trusty', 'binary', 'python-django', '1.6.1-2ubuntu0.1'),
        fixed('trusty', 'binary', 'python-django-doc', '1.6.1-2ubuntu0.1'),
      ],
    });
  });

  it('maps Ubuntu Pro ecosystems to their release, and binaries to their own versions', () => {
    const usn6513 = byId.get('USN-6513-1')!;
    // Ubuntu:Pro:18.04:LTS python2.7, fixed 2.7.17-1~18.04ubuntu1.13+esm4.
    expect(usn6513.packages).toContainEqual(fixed('bionic', 'source', 'python2.7', '2.7.17-1~18.04ubuntu1.13+esm4'));
    expect(usn6513.packages).toContainEqual(fixed('xenial', 'source', 'python3.5', '3.5.2-2ubuntu0~16.04.13+esm12'));
    expect(usn6513.packages).toContainEqual(fixed('trusty', 'binary', 'idle-python2.7', '2.7.6-8ubuntu0.6+esm18'));
    // USN-5928-1, Ubuntu:Pro:14.04:LTS systemd fixed in 204-5ubuntu20.31+esm2; libgudev's binaries carry an epoch.
    const usn5928 = byId.get('USN-5928-1')!;
    expect(usn5928.packages).toContainEqual(fixed('trusty', 'source', 'systemd', '204-5ubuntu20.31+esm2'));
    expect(usn5928.packages).toContainEqual(fixed('trusty', 'binary', 'libgudev-1.0-0', '1:204-5ubuntu20.31+esm2'));
  });

  it('reads CVEs from related in schema 1.6.3 (USN-7264-1) and none from an empty upstream (USN-2232-2)', () => {
    expect(byId.get('USN-7264-1')!.cves).toEqual(['CVE-2024-9143', 'CVE-2024-12797', 'CVE-2024-13176']);
    expect(byId.get('USN-7264-1')!.packages[0]).toMatchObject({ release: 'oracular', name: 'openssl' });
    expect(byId.get('USN-2232-2')!.cves).toEqual([]);
  });

  it('agrees with the USN JSON of the same notices on CVEs and source fixes', () => {
    const usnDir = fixture('ubuntu/usn');
    const both = readdirSync(usnDir).filter((f) => byId.has(`USN-${f.replace(/\.json$/, '')}`));
    expect(both).toHaveLength(10);
    for (const file of both) {
      const usn = parseUsnJson(readFileSync(`${usnDir}/${file}`, 'utf8')).advisories[0]!;
      const osv = byId.get(usn.id)!;
      expect(osv.cves, file).toEqual(usn.cves);
      const releases = new Set(osv.packages.map((p) => p.release));
      const sources = (ps: AdvisoryPackage[]) => ps.filter((p) => p.kind === 'source' && releases.has(p.release)).map((p) => `${p.release} ${p.name} ${p.fixedVersion}`).sort();
      expect(sources(osv.packages), file).toEqual(sources(usn.packages));
    }
  });
});

describe('parseOsv', () => {
  it('reads one record or an array of records', () => {
    expect(parseOsv(text('USN-6694-1.json')).advisories.map((a) => a.id)).toEqual(['USN-6694-1']);
    const array = `[${text('USN-6694-1.json')},${text('USN-7000-1.json')}]`;
    expect(parseOsv(array).advisories.map((a) => a.id)).toEqual(['USN-6694-1', 'USN-7000-1']);
  });

  it('skips and counts entries of unknown ecosystems, and records left with none', () => {
    const mixed = record('USN-6694-1.json');
    const alpine = { ...mixed.affected[0]!, package: { ecosystem: 'Alpine:v3.18', name: 'expat' } };
    mixed.affected.push(alpine);
    const foreign = { ...record('USN-7000-1.json'), affected: [alpine, { ...alpine, package: { ecosystem: 'Ubuntu:Pro:FIPS:18.04:LTS', name: 'expat' } }] };
    const feed = parseOsv(JSON.stringify([mixed, foreign]));
    expect(feed.advisories.map((a) => [a.id, a.packages.length])).toEqual([['USN-6694-1', 3]]);
    expect(feed.skipped).toEqual({
      [unknownEcosystemSkipped('Alpine:v3.18')]: 2,
      [unknownEcosystemSkipped('Ubuntu:Pro:FIPS:18.04:LTS')]: 1,
      [noKnownEcosystemSkipped]: 1,
    });
    expect(unknownEcosystemSkipped('Alpine:v3.18')).toBe('affected entry of unknown ecosystem Alpine:v3.18');
  });

  it('reads an entry without a fixed event as unfixed, binaries included', () => {
    const raw = record('USN-6694-1.json');
    raw.affected[0]!.ranges[0]!.events = [{ introduced: '0' }];
    expect(parseOsv(JSON.stringify(raw)).advisories[0]!.packages).toEqual([
      { release: 'jammy', kind: 'source', name: 'expat', fixedVersion: null, state: 'unfixed' },
      { release: 'jammy', kind: 'binary', name: 'expat', fixedVersion: null, state: 'unfixed' },
      { release: 'jammy', kind: 'binary', name: 'libexpat1', fixedVersion: null, state: 'unfixed' },
    ]);
  });

  it('reads a Debian record', () => {
    // As osv.dev's Debian converter writes DSA-5380-1.
    const dsa = {
      schema_version: '1.6.0',
      id: 'DSA-5380-1',
      summary: 'xorg-server - security update',
      published: '2023-03-29T00:00:00Z',
      upstream: ['CVE-2023-1393'],
      affected: [{ package: { ecosystem: 'Debian:11', name: 'xorg-server' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '2:1.20.11-1+deb11u6' }] }] }],
    };
    expect(parseOsv(JSON.stringify(dsa))).toEqual({
      advisories: [
        {
          id: 'DSA-5380-1',
          source: 'debian',
          title: 'xorg-server - security update',
          issued: '2023-03-29T00:00:00.000Z',
          cves: ['CVE-2023-1393'],
          packages: [fixed('bullseye', 'source', 'xorg-server', '2:1.20.11-1+deb11u6')],
        },
      ],
      skipped: {},
    });
  });

  it('titles a record without a summary by the first line of its details', () => {
    const { summary: _summary, ...raw } = JSON.parse(text('USN-6694-1.json')) as { summary: string };
    expect(parseOsv(JSON.stringify(raw)).advisories[0]!.title).toBe('It was discovered that Expat could be made to consume large amounts of');
  });

  it('skips and counts a withdrawn record', () => {
    const raw = { ...record('USN-6694-1.json'), withdrawn: '2024-03-15T00:00:00Z' };
    expect(parseOsv(JSON.stringify(raw))).toEqual({ advisories: [], skipped: { [withdrawnSkipped]: 1 }, withdrawn: ['USN-6694-1'] });
  });
});

describe('parseOsv refuses', () => {
  it('a truncated file, naming it', () => {
    const broken = [files[0]!, { name: 'USN-7000-1.json', text: text('USN-7000-1.json').slice(0, 300) }];
    expect(() => parseOsvFiles(broken)).toThrow(rejection('USN-7000-1.json', /not valid JSON/));
    expect(() => parseOsv(text('USN-7000-1.json').slice(0, 300))).toThrow(rejection('OSV', /not valid JSON/));
  });

  it('a record given twice', () => {
    expect(() => parseOsvFiles([files[0]!, { name: 'copy.json', text: files[0]!.text }])).toThrow(rejection('copy.json $', /record USN-2169-1 appears twice \(first at USN-2169-1.json \$\)/));
  });

  it('a document that is not a record', () => {
    expect(() => parseOsv('"USN-7000-1"')).toThrow(rejection('$', /expected an object/));
    expect(() => parseOsv('[{"id": "USN-1-1"}]')).toThrow(rejection('$[0].affected', /expected an array, got nothing/));
    expect(() => parseOsv('{"id": "USN 1-1", "affected": []}')).toThrow(rejection('$.id', /invalid record id "USN 1-1"/));
  });

  it('an entry it cannot read', () => {
    const raw = record('USN-6694-1.json');
    raw.affected[0]!.ranges[0]!.events.push({ fixed: '2.4.7-1ubuntu0.4' });
    expect(() => parseOsv(JSON.stringify(raw))).toThrow(rejection('$.affected[0].ranges[0].events[2]', /a second fixed version "2.4.7-1ubuntu0.4"/));
    raw.affected[0]!.ranges = [{ type: 'GIT', events: [{ introduced: '0' }] }];
    expect(() => parseOsv(JSON.stringify(raw))).toThrow(rejection('$.affected[0].ranges', /expected a range of type ECOSYSTEM/));
    const badVersion = record('USN-6694-1.json');
    badVersion.affected[0]!.ecosystem_specific.binaries[1]!.binary_version = 'abc';
    expect(() => parseOsv(JSON.stringify(badVersion))).toThrow(
      rejection('$.affected[0].ecosystem_specific.binaries[1].binary_version', /libexpat1 in jammy: invalid version "abc"/),
    );
  });

  it('a record mixing distributions, or with a bad publication time', () => {
    const mixed = record('USN-6694-1.json');
    mixed.affected.push({ ...mixed.affected[0]!, package: { ecosystem: 'Debian:12', name: 'expat' } });
    expect(() => parseOsv(JSON.stringify(mixed))).toThrow(rejection('$.affected[1].package', /mixes ubuntu and debian ecosystems/));
    expect(() => parseOsv(JSON.stringify({ ...record('USN-6694-1.json'), published: '14 Mar 2024' }))).toThrow(rejection('$.published', /expected an RFC 3339 time/));
  });
});
