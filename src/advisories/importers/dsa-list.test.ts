import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fixture } from '../../../test/helpers/fixtures.js';
import { FeedFormatError } from '../model.js';
import { itpSkipped, nameAsVersionSkipped, parseDsaList } from './dsa-list.js';

const text = readFileSync(fixture('debian/DSA-list'), 'utf8');
const rejection = (where: string, message: RegExp) => expect.objectContaining({ name: FeedFormatError.name, where, message: expect.stringMatching(message) });

describe('parseDsaList on the real DSA list (2023-04)', () => {
  const feed = parseDsaList(text);
  const byId = new Map(feed.advisories.map((a) => [a.id, a]));

  it('reads every advisory, in the order of the file', () => {
    const headerIds = [...text.matchAll(/^\[\d\d \w{3} \d{4}\] (DSA-\S+)/gm)].map((m) => m[1]);
    expect(headerIds).toHaveLength(5406);
    expect(feed.advisories.map((a) => a.id)).toEqual(headerIds);
  });

  it('keeps one package entry per release line, but the one that has no version', () => {
    const releaseLines = text.match(/^[ \t]+\[[a-z]+\] - /gm)!;
    expect(releaseLines).toHaveLength(6988);
    expect(feed.advisories.reduce((n, a) => n + a.packages.length, 0)).toBe(releaseLines.length - 1);
    // DSA-423: "[woody] - kernel-image-2.4.17-ia64 kernel-image-2.4.17-ia64".
    expect(feed.skipped).toEqual({ [nameAsVersionSkipped]: 1 });
    expect(byId.get('DSA-423')!.packages).toEqual([]);
  });

  it('reads the 278 release lines indented with 8 spaces that patch-friend missed', () => {
    const spaced = [...text.matchAll(/^ {8}\[([a-z]+)\] - (\S+)/gm)];
    expect(spaced).toHaveLength(278);
    for (const m of spaced) {
      const headerStart = text.lastIndexOf('\n[', m.index) + 1;
      const id = /^\[[^\]]+\] (\S+)/.exec(text.slice(headerStart))![1]!;
      expect(byId.get(id)!.packages, `${id} ${m[0].trim()}`).toContainEqual(expect.objectContaining({ release: m[1], name: m[2] }));
    }
    expect(byId.get('DSA-2906-1')!.packages).toEqual([
      { release: 'squeeze', kind: 'source', name: 'linux-2.6', fixedVersion: '2.6.32-48squeeze5', state: 'fixed' },
    ]);
  });

  it('reads DSA-5380-1 as the list states it', () => {
    expect(byId.get('DSA-5380-1')).toEqual({
      id: 'DSA-5380-1',
      source: 'debian',
      title: 'xorg-server - security update',
      issued: '2023-03-29',
      cves: ['CVE-2023-1393'],
      packages: [{ release: 'bullseye', kind: 'source', name: 'xorg-server', fixedVersion: '2:1.20.11-1+deb11u6', state: 'fixed' }],
    });
  });

  it('reads an advisory fixed in two releases (DSA-4000-1)', () => {
    const dsa = byId.get('DSA-4000-1')!;
    expect(dsa.issued).toBe('2017-10-17');
    expect(dsa.cves).toHaveLength(14);
    expect(dsa.cves.slice(0, 2)).toEqual(['CVE-2017-12176', 'CVE-2017-12177']);
    expect(dsa.packages.map((p) => [p.release, p.name, p.fixedVersion])).toEqual([
      ['jessie', 'xorg-server', '2:1.16.4-1+deb8u2'],
      ['stretch', 'xorg-server', '2:1.19.2-1+deb9u2'],
    ]);
  });

  it('reads an advisory without a CVE line (DSA-5356-2) and an old id without revision (DSA-136)', () => {
    expect(byId.get('DSA-5356-2')).toMatchObject({ title: 'sox - regression update', cves: [], packages: [{ name: 'sox', fixedVersion: '14.4.2+git20190427-2+deb11u2' }] });
    const dsa136 = byId.get('DSA-136')!;
    expect(dsa136).toMatchObject({ issued: '2002-07-30', cves: ['CVE-2002-0655', 'CVE-2002-0656', 'CVE-2002-0657', 'CVE-2002-0659'] });
    // Release lines name the binary-producing sources, not the header's package.
    expect(dsa136.packages.map((p) => p.name)).toEqual(['openssl094', 'openssl095', 'openssl']);
  });

  it('keeps end-of-life, unfixed and not-affected entries with their notes', () => {
    expect(byId.get('DSA-3699-1')!.packages).toEqual([{ release: 'jessie', kind: 'source', name: 'virtualbox', fixedVersion: null, state: 'end-of-life' }]);
    expect(byId.get('DSA-2275-1')!.packages[1]).toEqual({
      release: 'lenny',
      kind: 'source',
      name: 'openoffice.org',
      fixedVersion: null,
      state: 'not-affected',
      note: 'Vulnerable code not present',
    });
    expect(byId.get('DSA-746-1')!.packages).toEqual([
      { release: 'woody', kind: 'source', name: 'phpgroupware', fixedVersion: null, state: 'unfixed', note: 'high' },
      { release: 'sarge', kind: 'source', name: 'phpgroupware', fixedVersion: '0.9.16.005-3.sarge0', state: 'fixed', note: 'high' },
    ]);
    const states = feed.advisories.flatMap((a) => a.packages.map((p) => p.state));
    expect(states.filter((s) => s === 'end-of-life')).toHaveLength(text.match(/^\s+\[.*<end-of-life>/gm)!.length);
    expect(states.filter((s) => s === 'unfixed')).toHaveLength(text.match(/^\s+\[.*<unfixed>/gm)!.length);
    expect(states.filter((s) => s === 'not-affected')).toHaveLength(text.match(/^\s+\[.*<not-affected>/gm)!.length);
  });

  it('tidies old headers into titles', () => {
    // "[26 Feb 2009] DSA-1727-1  - SQL injection vulnerabilites"; "[18 Apr 2018] DSA-4205-1 jessie end-of-life".
    expect(byId.get('DSA-1727-1')!.title).toBe('SQL injection vulnerabilites');
    expect(byId.get('DSA-4205-1')).toMatchObject({ title: 'jessie end-of-life', packages: [] });
  });
});

describe('parseDsaList grammar', () => {
  it('maps every tag to its state, reads DLA ids, tab and space indentation and CRLF line ends', () => {
    const list = [
      '[02 Apr 2023] DLA-3380-1 foo - security update',
      '\t{CVE-2023-0001  CVE-2023-0002 CVE-2023-0001}',
      '  [buster] - foo <no-dsa> (Minor issue)',
      '    [stretch] - foo <ignored>',
      '\t[jessie] - foo <postponed>',
      '\t[wheezy] - foo <removed>',
      '\t[squeeze] - foo <undetermined>',
      '\t[lenny] - foo <itp> (bug #123)',
      '\t[etch] - bar 1.0-1 (bug #42; low)',
      '\tNOTE: not read',
      '',
    ].join('\r\n');
    const { advisories, skipped } = parseDsaList(list);
    expect(advisories).toEqual([
      {
        id: 'DLA-3380-1',
        source: 'debian',
        title: 'foo - security update',
        issued: '2023-04-02',
        cves: ['CVE-2023-0001', 'CVE-2023-0002'],
        packages: [
          { release: 'buster', kind: 'source', name: 'foo', fixedVersion: null, state: 'no-dsa', note: 'Minor issue' },
          { release: 'stretch', kind: 'source', name: 'foo', fixedVersion: null, state: 'ignored' },
          { release: 'jessie', kind: 'source', name: 'foo', fixedVersion: null, state: 'postponed' },
          { release: 'wheezy', kind: 'source', name: 'foo', fixedVersion: null, state: 'removed' },
          { release: 'squeeze', kind: 'source', name: 'foo', fixedVersion: null, state: 'undetermined' },
          { release: 'etch', kind: 'source', name: 'bar', fixedVersion: '1.0-1', state: 'fixed', note: 'bug #42; low' },
        ],
      },
    ]);
    expect(skipped).toEqual({ [itpSkipped]: 1 });
  });

  it('refuses an unknown tag, naming the line and the tag', () => {
    const list = '[29 Mar 2023] DSA-5380-1 xorg-server - security update\n\t{CVE-2023-1393}\n\t[bullseye] - xorg-server <bogus>\n';
    expect(() => parseDsaList(list)).toThrow(rejection('list line 3', /unknown tag <bogus>/));
  });

  it('refuses a header without a date', () => {
    expect(() => parseDsaList('DSA-5380-1 xorg-server - security update\n')).toThrow(rejection('list line 1', /header without a valid date/));
    expect(() => parseDsaList('[2023-03-29] DSA-5380-1 xorg-server - security update\n')).toThrow(rejection('list line 1', /header without a valid date/));
    expect(() => parseDsaList('[31 Feb 2023] DSA-5380-1 xorg-server - security update\n')).toThrow(rejection('list line 1', /invalid date \[31 Feb 2023\]/));
  });

  it('refuses a release line before any header', () => {
    expect(() => parseDsaList('\t[bullseye] - xorg-server 2:1.20.11-1+deb11u6\n')).toThrow(rejection('list line 1', /before any advisory header/));
  });

  it('refuses a line that is none of the known kinds', () => {
    const header = '[29 Mar 2023] DSA-5380-1 xorg-server - security update\n';
    expect(() => parseDsaList(`${header}\tbullseye: xorg-server 2:1.20.11-1+deb11u6\n`)).toThrow(rejection('list line 2', /expected "\{CVE-…\}"/));
    expect(() => parseDsaList(`${header}[bullseye] - xorg-server 2:1.20.11-1+deb11u6\n`)).toThrow(rejection('list line 2', /expected an advisory header/));
    expect(() => parseDsaList(`${header}\t{CVE-2023-1393 #1033393}\n`)).toThrow(rejection('list line 2', /"#1033393" in \{…\} is not a CVE id/));
  });

  it('refuses a version dpkg would refuse, naming the line', () => {
    const list = (version: string) => `[29 Mar 2023] DSA-5380-1 xorg-server - security update\n\t{CVE-2023-1393}\n\t[bullseye] - xorg-server ${version}\n`;
    expect(() => parseDsaList(list('1:'))).toThrow(rejection('list line 3', /invalid version "1:"/));
    expect(() => parseDsaList(list('abc'))).toThrow(rejection('list line 3', /xorg-server in bullseye: invalid version "abc"/));
  });

  it('refuses an advisory listed twice', () => {
    const entry = '[29 Mar 2023] DSA-5380-1 xorg-server - security update\n\t[bullseye] - xorg-server 2:1.20.11-1+deb11u6\n';
    expect(() => parseDsaList(entry + entry)).toThrow(rejection('list line 3', /DSA-5380-1 appears twice \(first at line 1\)/));
  });

  it('refuses a package listed twice with different versions', () => {
    const list = '[29 Mar 2023] DSA-5380-1 xorg-server - security update\n\t[bullseye] - xorg-server 2:1.20.11-1+deb11u6\n\t[bullseye] - xorg-server <unfixed>\n';
    expect(() => parseDsaList(list)).toThrow(rejection('list line 3', /listed twice/));
  });
});
