import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fixture } from '../../../test/helpers/fixtures.js';
import { ReportFormatError } from '../report.js';
import { parseDpkgStatus } from './dpkg-status.js';

const sample = readFileSync(fixture('dpkg/status-debian12-sample'), 'utf8');

/** The fixture's own fields for one package, read with a different method than the parser's. */
function stanzaOf(text: string, name: string): Record<string, string> {
  const stanza = text.split('\n\n').find((s) => s.startsWith(`Package: ${name}\n`))!;
  return Object.fromEntries(stanza.split('\n').filter((l) => /^\S+: /.test(l)).map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 2)]));
}

describe('parseDpkgStatus', () => {
  it('reads every installed package of a real Debian 12 status file', () => {
    const pkgs = parseDpkgStatus(sample);
    expect(pkgs).toHaveLength((sample.match(/^Package: /gm) ?? []).length);
    expect(new Set(pkgs.map((p) => `${p.name}:${p.arch}`)).size).toBe(pkgs.length);
  });

  it('takes the source and its version from "Source: name (version)", else the binary itself', () => {
    const pkgs = parseDpkgStatus(sample);
    const cap = stanzaOf(sample, 'libcap2-bin');
    expect(pkgs.find((p) => p.name === 'libcap2-bin')).toEqual({
      name: 'libcap2-bin',
      version: cap.Version,
      arch: cap.Architecture,
      source: 'libcap2',
      sourceVersion: cap.Source!.match(/\((.*)\)/)![1],
    });
    const adduser = stanzaOf(sample, 'adduser');
    expect(pkgs.find((p) => p.name === 'adduser')).toEqual({ name: 'adduser', version: adduser.Version, arch: 'all', source: 'adduser', sourceVersion: adduser.Version });
    const bash = pkgs.find((p) => p.name === 'bash')!;
    expect([bash.source, bash.sourceVersion]).toEqual(['bash', stanzaOf(sample, 'bash').Source!.match(/\((.*)\)/)![1]]);
    expect(bash.sourceVersion).not.toBe(bash.version);
  });

  it('counts installed and held packages, not removed or half-installed ones', () => {
    const text = [
      'Package: a\nStatus: install ok installed\nArchitecture: amd64\nVersion: 1',
      'Package: b\nStatus: hold ok installed\nArchitecture: amd64\nVersion: 2',
      'Package: c\nStatus: deinstall ok config-files\nArchitecture: amd64\nVersion: 3',
      'Package: d\nStatus: install reinstreq half-installed\nArchitecture: amd64\nVersion: 4',
      'Package: e\nStatus: purge ok not-installed\nArchitecture: amd64',
    ].join('\n\n');
    expect(parseDpkgStatus(text).map((p) => p.name)).toEqual(['a', 'b']);
  });

  it('accepts CRLF line ends and case-insensitive field names', () => {
    expect(parseDpkgStatus('package: x\r\nstatus: install ok installed\r\nARCHITECTURE: all\r\nversion: 1.0\r\n')).toEqual([
      { name: 'x', version: '1.0', arch: 'all', source: 'x', sourceVersion: '1.0' },
    ]);
  });

  it.each([0.25, 0.5, 0.9])('rejects the real file truncated mid-stanza (at %s), naming line and package', (at) => {
    const cut = sample.slice(0, sample.indexOf('\nVersion:', Math.floor(sample.length * at)));
    const err = (() => {
      try {
        parseDpkgStatus(cut);
      } catch (e) {
        return e as ReportFormatError;
      }
    })();
    expect(err).toBeInstanceOf(ReportFormatError);
    const lastStanzaLine = cut.slice(0, cut.lastIndexOf('\nPackage: ') + 1).split('\n').length;
    expect(err!.message).toContain(`line ${lastStanzaLine} (package ${cut.slice(cut.lastIndexOf('\nPackage: ') + 10).split('\n')[0]})`);
    expect(err!.message).toMatch(/no Version field/);
  });

  it('rejects lines that are neither fields nor continuations', () => {
    expect(() => parseDpkgStatus('Package: x\nthis is junk\n')).toThrow(/line 2: expected "Field: value"/);
    expect(() => parseDpkgStatus(' continued\nPackage: x\n')).toThrow(/line 1: continuation line before any field/);
    expect(() => parseDpkgStatus('Status: install ok installed\nVersion: 1\n')).toThrow(/line 1: stanza has no Package field/);
    expect(() => parseDpkgStatus('Package: x\nStatus: install ok installed\nArchitecture: all\nVersion: 1\nSource: a b c\n')).toThrow(/Source field/);
  });

  it.skipIf(!existsSync('/var/lib/dpkg/status'))("agrees with dpkg-query on this machine's status file", () => {
    const oracle = execFileSync('dpkg-query', ['-W', '-f', '${db:Status-Status}\\t${Package}\\t${Version}\\t${source:Package}\\t${source:Version}\\t${Architecture}\\n'], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .map((l) => l.split('\t'))
      .filter((f) => f[0] === 'installed')
      .map(([, name, version, source, sourceVersion, arch]) => `${name} ${version} ${source} ${sourceVersion} ${arch}`)
      .sort();
    const ours = parseDpkgStatus(readFileSync('/var/lib/dpkg/status', 'utf8')).map((p) => `${p.name} ${p.version} ${p.source} ${p.sourceVersion} ${p.arch}`).sort();
    expect(ours).toEqual(oracle);
  });
});
