// The release table against distro-info-data (the Debian and Ubuntu release lists that Debian ships), and the names
// the real feeds use: the DSA list's [release] tags, USN release keys, OSV ecosystems and their package URLs.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fixture } from '../../test/helpers/fixtures.js';
import { normalizeRelease, releaseByCodename, releaseByVersion, releaseFromOsvEcosystem, releases, type Distro } from './releases.js';

const distroInfoDir = '/usr/share/distro-info';
const hasDistroInfo = existsSync(`${distroInfoDir}/debian.csv`) && existsSync(`${distroInfoDir}/ubuntu.csv`);
if (!hasDistroInfo) {
  if (process.env.CI) throw new Error(`${distroInfoDir} is required under CI (apt-get install distro-info-data)`);
  console.warn(`SKIPPING the release table check: ${distroInfoDir} not found (package distro-info-data); CI runs it`);
}

interface DistroInfoRow {
  distro: Distro;
  series: string;
  version: string;
  lts: boolean;
  /** "Jammy Jellyfish", "Bookworm". */
  name: string;
}

/** distro-info-data's rows, oldest first (`version,codename,series,…`; Ubuntu's versions end in " LTS" for LTS). */
function distroInfo(distro: Distro): DistroInfoRow[] {
  const [header, ...rows] = readFileSync(`${distroInfoDir}/${distro}.csv`, 'utf8').trimEnd().split('\n');
  expect(header).toMatch(/^version,codename,series,/);
  return rows
    .map((row) => row.split(','))
    .map(([version, name, series]) => ({
      distro,
      series: series!,
      name: name!,
      version: version!.replace(/ LTS$/, ''),
      lts: version!.endsWith(' LTS'),
    }))
    .filter((r) => r.series !== 'experimental'); // a suite of packages on top of sid, not a release a host runs
}

const osvFiles = () => readdirSync(fixture('ubuntu', 'osv')).map((f) => JSON.parse(readFileSync(fixture('ubuntu', 'osv', f), 'utf8')));

describe.skipIf(!hasDistroInfo)('the release table', () => {
  const rows = hasDistroInfo ? [...distroInfo('debian'), ...distroInfo('ubuntu')] : [];

  it('names each release as distro-info-data does: codename, version, LTS', () => {
    const ours = releases.map((r) => ({ distro: r.distro, series: r.codename, version: r.version ?? '', lts: r.lts ?? false }));
    const theirs = rows.map((r) => ({ distro: r.distro, series: r.series, version: r.version, lts: r.distro === 'ubuntu' && r.lts }));
    expect(ours.filter((r) => !theirs.some((t) => JSON.stringify(t) === JSON.stringify(r)))).toEqual([]);
  });

  it('leaves out no release that distro-info-data lists up to the newest it has', () => {
    const missing = rows.filter((r) => !releaseByCodename(r.series));
    // A newer distro-info-data may know releases announced since; those are to add, not a fault of the table.
    const newer = (['debian', 'ubuntu'] as const).flatMap((distro) => {
      const list = rows.filter((r) => r.distro === distro && r.series !== 'sid');
      const newestKnown = list.findLastIndex((r) => releaseByCodename(r.series));
      return list.slice(newestKnown + 1);
    });
    if (newer.length > 0) console.warn(`distro-info-data lists releases newer than releases.ts: ${newer.map((r) => r.series).join(', ')}`);
    expect(missing.filter((r) => !newer.includes(r)).map((r) => r.series)).toEqual([]);
  });

  it('finds every release by each name a host may report', () => {
    const misread: string[] = [];
    for (const r of rows) {
      const product = r.distro === 'debian' ? 'Debian GNU/Linux' : 'Ubuntu';
      const names = [r.series, r.series.toUpperCase(), `${r.distro} ${r.series}`, `${r.series} (${r.name})`];
      if (r.version) {
        const lts = r.lts ? ' LTS' : '';
        names.push(`${product} ${r.version}${lts}`, `${r.version}${lts} (${r.name})`, `${product} ${r.version} (${r.series})`);
        // Bare versions are Ubuntu's first; Debian's own are never written like Ubuntu's.
        names.push(r.version);
      }
      for (const name of names) if (normalizeRelease(name) !== r.series) misread.push(`${name} → ${normalizeRelease(name)}`);
    }
    expect(misread).toEqual([]);
  });
});

describe('releaseByCodename and releaseByVersion', () => {
  it.each([
    ['bookworm', 'debian', '12'],
    ['bullseye', 'debian', '11'],
    ['etch', 'debian', '4.0'],
    ['sarge', 'debian', '3.1'],
    ['woody', 'debian', '3.0'],
    ['potato', 'debian', '2.2'],
    ['forky', 'debian', '14'],
    ['jammy', 'ubuntu', '22.04'],
    ['precise', 'ubuntu', '12.04'],
    ['questing', 'ubuntu', '25.10'],
  ] as const)('%s is %s %s, both ways', (codename, distro, version) => {
    expect(releaseByCodename(codename)).toMatchObject({ distro, codename, version });
    expect(releaseByVersion(distro, version)?.codename).toBe(codename);
  });

  it('maps every release of the table both ways', () => {
    for (const r of releases) {
      expect(releaseByCodename(r.codename)).toBe(r);
      if (r.version) expect(releaseByVersion(r.distro, r.version)).toBe(r);
    }
  });

  it('marks Ubuntu LTS releases, and only those', () => {
    expect(releaseByCodename('noble')?.lts).toBe(true);
    expect(releaseByCodename('oracular')?.lts).toBe(false);
    expect(releaseByCodename('bookworm')?.lts).toBeUndefined();
  });

  it('knows sid, unstable, without a number', () => {
    expect(releaseByCodename('sid')).toEqual({ distro: 'debian', codename: 'sid', version: undefined });
    expect(releaseByCodename('unstable')?.codename).toBe('sid');
  });

  it('reads point releases and shorter forms, not versions the distribution never writes', () => {
    expect(releaseByVersion('debian', '12.5')?.codename).toBe('bookworm');
    expect(releaseByVersion('debian', '6.0.10')?.codename).toBe('squeeze');
    expect(releaseByVersion('debian', '4')?.codename).toBe('etch');
    expect(releaseByVersion('ubuntu', '22.04.4')?.codename).toBe('jammy');
    for (const v of ['12.04', '99', '22.04', '', '12.', 'twelve']) expect(releaseByVersion('debian', v), v).toBeUndefined();
    for (const v of ['22', '22.4', '12', '99.04', '22.04:LTS']) expect(releaseByVersion('ubuntu', v), v).toBeUndefined();
  });

  it("knows every release of Debian's DSA list and of the USN files", () => {
    const dsa = new Set([...readFileSync(fixture('debian', 'DSA-list'), 'utf8').matchAll(/^\s+\[(\w+)\]/gm)].map((m) => m[1]!));
    const usn = new Set(
      readdirSync(fixture('ubuntu', 'usn')).flatMap((f) => Object.keys(JSON.parse(readFileSync(fixture('ubuntu', 'usn', f), 'utf8')).releases)),
    );
    expect(dsa.size).toBeGreaterThan(5);
    expect(usn.size).toBeGreaterThan(5);
    expect([...dsa].filter((c) => releaseByCodename(c)?.distro !== 'debian')).toEqual([]);
    expect([...usn].filter((c) => releaseByCodename(c)?.distro !== 'ubuntu')).toEqual([]);
  });
});

describe('releaseFromOsvEcosystem', () => {
  it.each([
    ['Debian:12', 'bookworm', false],
    ['Debian:11', 'bullseye', false],
    ['Debian:4.0', 'etch', false],
    ['Ubuntu:22.04:LTS', 'jammy', false],
    ['Ubuntu:Pro:18.04:LTS', 'bionic', true],
    ['Ubuntu:24.10', 'oracular', false],
  ])('%s is %s (Pro: %s)', (ecosystem, codename, pro) => {
    expect(releaseFromOsvEcosystem(ecosystem)).toEqual({ ...releaseByCodename(codename), pro });
  });

  it.each([
    'Alpine:v3.18',
    'Ubuntu:99.04',
    'Ubuntu:22.04', // an LTS release is written with :LTS
    'Ubuntu:24.10:LTS', // and only an LTS release
    'Ubuntu:Pro:24.10', // Pro streams are for LTS releases
    'Ubuntu:Pro:FIPS:20.04:LTS', // other Pro streams ship their own builds
    'Ubuntu:Pro:FIPS-updates:22.04:LTS',
    'Ubuntu:Pro:22.04:LTS:Realtime:Kernel',
    'Ubuntu',
    'Debian',
    'Debian:4', // OSV writes 4.0
    'Debian:12:LTS',
    'debian:12',
    '',
  ])('%j is no release it knows', (ecosystem) => {
    expect(releaseFromOsvEcosystem(ecosystem)).toBeUndefined();
  });

  it("agrees with the package URL of every affected package of the real OSV files (distro=trusty/esm, esm-infra/xenial…)", () => {
    const disagree: string[] = [];
    let checked = 0;
    for (const record of osvFiles()) {
      for (const { package: pkg } of record.affected as { package: { ecosystem: string; purl: string } }[]) {
        const distro = new URL(pkg.purl).searchParams.get('distro') ?? '';
        const release = releaseFromOsvEcosystem(pkg.ecosystem);
        const segments = distro.split('/');
        const esm = segments.some((s) => s.startsWith('esm'));
        if (!release || !segments.includes(release.codename) || release.pro !== esm) disagree.push(`${pkg.ecosystem} ${distro}`);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(50);
    expect(disagree).toEqual([]);
  });
});

describe('normalizeRelease', () => {
  it.each([
    ['bookworm', 'bookworm'],
    ['12', 'bookworm'],
    ['Debian 12', 'bookworm'],
    ['jammy', 'jammy'],
    ['22.04', 'jammy'],
    ['  Jammy ', 'jammy'],
    ['Ubuntu 22.04.4 LTS', 'jammy'],
    ['22.04.4 LTS (Jammy Jellyfish)', 'jammy'],
    ['Debian GNU/Linux 12 (bookworm)', 'bookworm'],
    ['12 (bookworm)', 'bookworm'],
    ['Debian 12.5', 'bookworm'],
    ['Debian 12.10', 'bookworm'],
    ['12.10', 'quantal'],
    ['unstable', 'sid'],
    ['Debian sid', 'sid'],
    ['Ubuntu noble', 'noble'],
  ])('%j is %s', (text, codename) => {
    expect(normalizeRelease(text)).toBe(codename);
  });

  const unknown = ['', 'debian', 'Debian GNU/Linux', 'hamster', '99', 'trixie/sid', '12 bookworm'];
  const contradictory = ['Debian 22.04', 'Ubuntu 12', 'Ubuntu bookworm', 'Debian 12 (jammy)'];
  it.each([...unknown, ...contradictory])('%j names no release it can tell', (text) => {
    expect(normalizeRelease(text)).toBeUndefined();
  });
});
