import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fixture } from '../../../test/helpers/fixtures.js';
import { FeedFormatError } from '../model.js';
import { parseUsnJson } from './usn-json.js';

const dir = fixture('ubuntu/usn');
const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
const read = (name: string) => readFileSync(`${dir}/${name}`, 'utf8');
// A fixture as a plain object, to be changed in a test.
const notice = (name: string) => JSON.parse(read(name)) as { id: string; cves: string[]; releases: Record<string, Record<string, unknown>> };
const rejection = (where: string, message: RegExp) => expect.objectContaining({ name: FeedFormatError.name, where, message: expect.stringMatching(message) });

describe('parseUsnJson on the real notices', () => {
  it('reads all 11 notices, each with every package it lists', () => {
    expect(files).toHaveLength(11);
    for (const file of files) {
      const raw = notice(file);
      const { advisories, skipped } = parseUsnJson(read(file));
      expect(advisories.map((a) => a.id)).toEqual([raw.id]);
      expect(skipped).toEqual({});
      // binaries ⊂ allbinaries where both are given: the binary entries are the union of the two.
      const expected = Object.entries(raw.releases).flatMap(([release, r]) => [
        ...Object.keys(r.sources ?? {}).map((name) => `${release} source ${name}`),
        ...new Set([...Object.keys(r.binaries ?? {}), ...Object.keys(r.allbinaries ?? {})].map((name) => `${release} binary ${name}`)),
      ]);
      const packages = advisories[0]!.packages;
      expect(packages.map((p) => `${p.release} ${p.kind} ${p.name}`).sort(), file).toEqual(expected.sort());
      expect(packages.every((p) => p.state === 'fixed' && p.fixedVersion !== null)).toBe(true);
    }
  });

  it('reads USN-2169-1 as the notice states it', () => {
    const [usn] = parseUsnJson(read('2169-1.json')).advisories;
    const fixed = (release: string, kind: 'source' | 'binary', name: string, fixedVersion: string) => ({ release, kind, name, fixedVersion, state: 'fixed' });
    expect(usn).toEqual({
      id: 'USN-2169-1',
      source: 'ubuntu',
      title: 'Django vulnerabilities',
      description: expect.stringMatching(/^Benjamin Bach discovered that Django incorrectly handled dotted Python\npaths/),
      issued: '2014-04-22T11:58:31.107Z',
      cves: ['CVE-2014-0472', 'CVE-2014-0473', 'CVE-2014-0474'],
      packages: [
        fixed('precise', 'source', 'python-django', '1.3.1-4ubuntu1.9'),
        fixed('precise', 'binary', 'python-django', '1.3.1-4ubuntu1.9'),
        fixed('saucy', 'source', 'python-django', '1.5.4-1ubuntu1.1'),
        fixed('saucy', 'binary', 'python-django', '1.5.4-1ubuntu1.1'),
        fixed('lucid', 'source', 'python-django', '1.1.1-2ubuntu1.10'),
        fixed('lucid', 'binary', 'python-django', '1.1.1-2ubuntu1.10'),
        fixed('quantal', 'source', 'python-django', '1.4.1-2ubuntu0.5'),
        fixed('quantal', 'binary', 'python-django', '1.4.1-2ubuntu0.5'),
        fixed('trusty', 'source', 'python-django', '1.6.1-2ubuntu0.1'),
        fixed('trusty', 'binary', 'python-django', '1.6.1-2ubuntu0.1'),
        // Only in allbinaries.
        fixed('trusty', 'binary', 'python-django-doc', '1.6.1-2ubuntu0.1'),
      ],
    });
  });

  it('reads an ESM notice with two sources in one release (USN-6513-1)', () => {
    const [usn] = parseUsnJson(read('6513-1.json')).advisories;
    const bionic = usn!.packages.filter((p) => p.release === 'bionic');
    expect(bionic.filter((p) => p.kind === 'source').map((p) => [p.name, p.fixedVersion])).toEqual([
      ['python2.7', '2.7.17-1~18.04ubuntu1.13+esm4'],
      ['python3.6', '3.6.9-1~18.04ubuntu1.13+esm1'],
    ]);
    expect(bionic).toContainEqual({ release: 'bionic', kind: 'binary', name: 'idle-python3.6', fixedVersion: '3.6.9-1~18.04ubuntu1.13+esm1', state: 'fixed' });
  });

  it('keeps only the CVE ids of the cves list', () => {
    const raw = notice('5811-1.json');
    raw.cves.push('https://launchpad.net/bugs/1996860');
    expect(parseUsnJson(JSON.stringify(raw)).advisories[0]!.cves).toEqual(['CVE-2022-33070', 'CVE-2023-22809']);
  });

  it('titles a notice without a title by its summary', () => {
    const { title: _title, ...raw } = notice('6694-1.json') as ReturnType<typeof notice> & { title: string };
    expect(parseUsnJson(JSON.stringify(raw)).advisories[0]!.title).toBe('expat vulnerabilities');
  });

  it('reads the usn-db map of notices keyed "NNNN-N"', () => {
    const { id: _id, ...withoutId } = notice('2169-1.json');
    const db = { '2169-1': withoutId, '7000-1': notice('7000-1.json') };
    const { advisories } = parseUsnJson(JSON.stringify(db));
    expect(advisories.map((a) => a.id)).toEqual(['USN-2169-1', 'USN-7000-1']);
    expect(advisories[0]).toEqual(parseUsnJson(read('2169-1.json')).advisories[0]);
  });
});

describe('parseUsnJson refuses', () => {
  it('a truncated notice, returning nothing', () => {
    const text = read('6937-1.json');
    expect(() => parseUsnJson(text.slice(0, 5000))).toThrow(rejection('USN JSON', /not valid JSON/));
  });

  it('a release without sources or binaries', () => {
    const raw = notice('6944-2.json');
    raw.releases.xenial = { archs: {} };
    expect(() => parseUsnJson(JSON.stringify(raw))).toThrow(rejection('$.releases.xenial', /lists no sources or binaries/));
  });

  it('a document that is not an object', () => {
    expect(() => parseUsnJson('"USN-7000-1"')).toThrow(rejection('$', /expected an object, got string "USN-7000-1"/));
    expect(() => parseUsnJson('[]')).toThrow(rejection('$', /expected an object, got an array/));
    expect(() => parseUsnJson(JSON.stringify({ '7000-1': [] }))).toThrow(rejection('$["7000-1"]', /expected an object, got an array/));
  });

  it('a map key or id that is not a notice number', () => {
    expect(() => parseUsnJson(JSON.stringify({ 'USN-7000-1': notice('7000-1.json') }))).toThrow(rejection('$', /keyed like "7000-1", got key "USN-7000-1"/));
    expect(() => parseUsnJson(JSON.stringify({ '7000-2': notice('7000-1.json') }))).toThrow(rejection('$["7000-2"].id', /does not match its key/));
    expect(() => parseUsnJson(JSON.stringify({ ...notice('7000-1.json'), id: 'DSA-7000-1' }))).toThrow(rejection('$.id', /expected a notice id like "USN-7000-1"/));
  });

  it('an invalid version or an ill-typed package', () => {
    const raw = notice('6543-1.json');
    (raw.releases.jammy!.sources as Record<string, { version: string }>).tar!.version = '1:';
    expect(() => parseUsnJson(JSON.stringify(raw))).toThrow(rejection('$.releases.jammy.sources.tar.version', /tar in jammy: invalid version "1:": nothing after the epoch/));
    (raw.releases.jammy!.sources as Record<string, unknown>).tar = '1.34';
    expect(() => parseUsnJson(JSON.stringify(raw))).toThrow(rejection('$.releases.jammy.sources.tar', /expected an object/));
  });

  it('a timestamp that is not unix seconds', () => {
    expect(() => parseUsnJson(JSON.stringify({ ...notice('6694-1.json'), timestamp: -1 }))).toThrow(rejection('$.timestamp', /invalid timestamp -1/));
    expect(() => parseUsnJson(JSON.stringify({ ...notice('6694-1.json'), timestamp: '2024-03-14' }))).toThrow(rejection('$.timestamp', /expected a number/));
  });

  it('a binary listed with two versions', () => {
    const raw = notice('6543-1.json');
    (raw.releases.jammy!.allbinaries as Record<string, { version: string }>).tar!.version = '1.34+dfsg-1ubuntu0.1.22.04.3';
    expect(() => parseUsnJson(JSON.stringify(raw))).toThrow(rejection('$.releases.jammy.allbinaries.tar.version', /binary package tar in jammy is listed twice/));
  });
});
