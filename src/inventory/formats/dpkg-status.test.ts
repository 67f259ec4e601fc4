import { existsSync, readFileSync, rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { fixture } from '../../../test/helpers/fixtures.js';
import { adminDirWith as adminDir, dpkgInstalledRows, hasDpkgQuery, packageRow } from '../../../test/helpers/dpkg.js';
import { ReportFormatError } from '../report.js';
import { parseDpkgStatus } from './dpkg-status.js';

const sample = readFileSync(fixture('dpkg/status-debian12-sample'), 'utf8');
const row = packageRow;
const dpkgQuery = dpkgInstalledRows;
const tempDirs: string[] = [];
afterAll(() => tempDirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const adminDirWith = (status: string) => {
  const dir = adminDir(status);
  tempDirs.push(dir);
  return dir;
};

function errorOf(text: string): ReportFormatError {
  try {
    parseDpkgStatus(text);
  } catch (e) {
    if (e instanceof ReportFormatError) return e;
    throw e;
  }
  throw new Error('expected parseDpkgStatus to throw');
}

const stanza = (name: string, status: string, version = '1.0-1', extra = '') =>
  `Package: ${name}\nStatus: ${status}\nArchitecture: amd64\n${extra}Version: ${version}\nDescription: ${name}\n some text\n .\n more\n`;

describe('parseDpkgStatus on a real Debian 12 status file', () => {
  const pkgs = parseDpkgStatus(sample);

  it('finds all 727 installed packages', () => {
    expect(pkgs).toHaveLength(727);
    expect(new Set(pkgs.map((p) => `${p.name}:${p.arch}`)).size).toBe(727);
  });

  it('reads name, version, arch and source as the file states them', () => {
    const byName = new Map(pkgs.map((p) => [p.name, p]));
    // No Source field: the binary is its own source.
    expect(byName.get('adduser')).toEqual({ name: 'adduser', version: '3.134', arch: 'all', source: 'adduser', sourceVersion: '3.134' });
    // "Source: apt": another source of the same version.
    expect(byName.get('apt-transport-https')).toEqual({ name: 'apt-transport-https', version: '2.6.1', arch: 'all', source: 'apt', sourceVersion: '2.6.1' });
    // "Source: name (version)": a binNMU, and binaries versioned apart from their source.
    expect(byName.get('libcap2-bin')).toEqual({
      name: 'libcap2-bin',
      version: '1:2.66-4+deb12u2+b2',
      arch: 'amd64',
      source: 'libcap2',
      sourceVersion: '1:2.66-4+deb12u2',
    });
    expect(byName.get('cpp')).toEqual({ name: 'cpp', version: '4:12.2.0-3', arch: 'amd64', source: 'gcc-defaults', sourceVersion: '1.203' });
    expect(byName.get('dmsetup')).toEqual({ name: 'dmsetup', version: '2:1.02.185-2', arch: 'amd64', source: 'lvm2', sourceVersion: '2.03.16-2' });
  });

  it.skipIf(!hasDpkgQuery)('agrees with dpkg-query reading the same file', () => {
    expect(pkgs.map(row).sort()).toEqual(dpkgQuery(adminDirWith(sample)));
  });

  it.each([0.1, 0.33, 0.5, 0.77, 0.95])('rejects the file cut before a Version line (at %s), naming line and package', (at) => {
    const cut = sample.slice(0, sample.indexOf('\nVersion:', Math.floor(sample.length * at)) + 1);
    const stanzaStart = cut.lastIndexOf('\n\n') + 2;
    const line = cut.slice(0, stanzaStart).split('\n').length;
    const name = /^Package: (.*)$/m.exec(cut.slice(stanzaStart))![1];
    expect(errorOf(cut).message).toBe(`dpkg status line ${line} (package ${name}): stanza has no Version field (truncated file?)`);
  });

  it('rejects the file cut inside or right after a stanza header', () => {
    const at = sample.indexOf('\nPackage: libcap2-bin\n') + 1;
    const line = sample.slice(0, at).split('\n').length;
    // Cut in the middle of the name: the stanza names the package as far as it got.
    expect(errorOf(sample.slice(0, at + 'Package: libc'.length)).message).toBe(`dpkg status line ${line} (package libc): stanza has no Status field (truncated file?)`);
    expect(errorOf(sample.slice(0, at + 'Package: libcap2-bin\n'.length)).message).toMatch(/package libcap2-bin\): stanza has no Status field/);
    expect(errorOf(sample.slice(0, at + 'Package: libcap2-bin\nStatus: install ok'.length)).message).toMatch(
      /package libcap2-bin\): Status field "install ok" is not "want flag state"/,
    );
  });

  it('rejects two stanzas run together', () => {
    const joined = sample.replace('\n\nPackage: libcap2-bin\n', '\nPackage: libcap2-bin\n');
    expect(errorOf(joined).message).toMatch(/line \d+ \(package \S+\): duplicate Package field/);
  });
});

describe('parseDpkgStatus', () => {
  const states = [
    stanza('a-installed', 'install ok installed'),
    stanza('b-held', 'hold ok installed', '2', 'Source: bsrc (1)\n'),
    stanza('c-removed', 'deinstall ok config-files'),
    stanza('d-half-installed', 'install reinstreq half-installed'),
    stanza('e-unpacked', 'install ok unpacked'),
    stanza('f-half-configured', 'install ok half-configured'),
    stanza('g-triggers', 'install ok triggers-pending', '1', 'Triggers-Pending: x\n'),
    'Package: h-gone\nStatus: purge ok not-installed\nArchitecture: amd64\n',
  ].join('\n');

  it('keeps installed and held packages only', () => {
    expect(parseDpkgStatus(states).map((p) => p.name)).toEqual(['a-installed', 'b-held']);
  });

  it.skipIf(!hasDpkgQuery)('keeps the same packages as dpkg-query for every package state', () => {
    expect(parseDpkgStatus(states).map(row).sort()).toEqual(dpkgQuery(adminDirWith(states)));
  });

  it('accepts CRLF line ends, case-insensitive field names and whitespace-only separator lines', () => {
    const text = 'package: x\r\nSTATUS: install ok installed\r\narchitecture: all\r\nVersion: 1.0\r\n \t\r\nPackage: y\nStatus: install ok installed\nArchitecture: all\nVersion: 2\n';
    expect(parseDpkgStatus(text)).toEqual([
      { name: 'x', version: '1.0', arch: 'all', source: 'x', sourceVersion: '1.0' },
      { name: 'y', version: '2', arch: 'all', source: 'y', sourceVersion: '2' },
    ]);
  });

  it('reads an empty file as no packages', () => {
    expect(parseDpkgStatus('')).toEqual([]);
    expect(parseDpkgStatus('\n\n')).toEqual([]);
  });

  it.each([
    ['Package: x\nthis is junk\n', 'dpkg status line 2 (package x): expected "Field: value", got "this is junk"'],
    ['Package: x\nbad field: 1\n', 'dpkg status line 2 (package x): expected "Field: value", got "bad field: 1"'],
    ['Package: x\n: no name\n', 'dpkg status line 2 (package x): expected "Field: value", got ": no name"'],
    [' continued\nPackage: x\n', 'dpkg status line 1: continuation line before any field'],
    ['Package: a\nStatus: purge ok not-installed\n\n continued\n', 'dpkg status line 4: continuation line before any field'],
    ['Status: install ok installed\nVersion: 1\n', 'dpkg status line 1: stanza has no Package field'],
    ['\n\nPackage: x\nStatus: install ok installed\nVersion: 1\n', 'dpkg status line 3 (package x): stanza has no Architecture field (truncated file?)'],
    ['Package: x\nStatus: install ok installed\nArchitecture: all\nVersion: 1\nSource: a b c\n', /line 1 \(package x\): Source field "a b c" is not/],
    ['Package: x\nStatus: install ok installed\nArchitecture: all\nVersion: 1\nversion: 2\n', 'dpkg status line 5 (package x): duplicate version field (missing blank line between stanzas?)'],
  ])('rejects %j', (text, message) => {
    const err = errorOf(text);
    if (typeof message === 'string') expect(err.message).toBe(message);
    else expect(err.message).toMatch(message);
    expect(err.where).toMatch(/^dpkg status line \d+/);
  });
});

describe.skipIf(!existsSync('/var/lib/dpkg/status') || !hasDpkgQuery)("parseDpkgStatus on this machine's status file", () => {
  it('lists exactly the packages dpkg-query reports installed', () => {
    // Read dpkg-query first: should dpkg change the file in between, the mismatch shows rather than hides it.
    const oracle = dpkgQuery();
    const ours = parseDpkgStatus(readFileSync('/var/lib/dpkg/status', 'utf8')).map(row).sort();
    expect(oracle.length).toBeGreaterThan(0);
    expect(ours).toEqual(oracle);
  });
});
