import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture } from '../../../test/helpers/fixtures.js';
import { hasDpkgQuery } from '../../../test/helpers/dpkg.js';
import { parseOsqueryDebPackages } from './osquery.js';

const rows = [
  { name: 'libssl3', version: '3.0.11-1~deb12u2', source: 'openssl', arch: 'amd64', status: 'install ok installed' },
  { name: 'bash', version: '5.2.15-2+b2', source: 'bash (5.2.15-2)', arch: 'amd64', status: 'install ok installed' },
  { name: 'curl', version: '7.88.1-10+deb12u5', source: '', arch: 'amd64', status: 'hold ok installed' },
  { name: 'telnet', version: '0.17+2.4-2', source: 'inetutils', arch: 'amd64', status: 'deinstall ok config-files' },
  { name: 'vim', version: '2:9.0.1378-2', source: '', arch: 'amd64', status: 'install ok unpacked' },
];

describe('parseOsqueryDebPackages', () => {
  it('reads the array osqueryi --json prints, keeping installed packages and splitting the source field', () => {
    expect(parseOsqueryDebPackages(rows)).toEqual({
      hostIdentifier: undefined,
      packages: [
        { name: 'libssl3', version: '3.0.11-1~deb12u2', arch: 'amd64', source: 'openssl', sourceVersion: '3.0.11-1~deb12u2' },
        { name: 'bash', version: '5.2.15-2+b2', arch: 'amd64', source: 'bash', sourceVersion: '5.2.15-2' },
        { name: 'curl', version: '7.88.1-10+deb12u5', arch: 'amd64', source: 'curl', sourceVersion: '7.88.1-10+deb12u5' },
      ],
    });
  });

  it('reads a scheduled-query log line and its hostIdentifier', () => {
    const line = { name: 'pack_inventory_deb', hostIdentifier: 'web1.example.com', calendarTime: 'Mon Jan  1 00:00:00 2024 UTC', unixTime: 1704067200, epoch: 0, counter: 0, numerics: false, decorations: {}, action: 'snapshot', snapshot: rows };
    const r = parseOsqueryDebPackages(line);
    expect(r.hostIdentifier).toBe('web1.example.com');
    expect(r.packages.map((p) => p.name)).toEqual(['libssl3', 'bash', 'curl']);
  });

  it('treats rows without a status column as installed and ignores extra columns', () => {
    expect(parseOsqueryDebPackages([{ name: 'a', version: '1', arch: 'all', maintainer: 'x', size: '12' }]).packages).toEqual([
      { name: 'a', version: '1', arch: 'all', source: 'a', sourceVersion: '1' },
    ]);
  });

  it.skipIf(!hasDpkgQuery)('splits the Source field as dpkg does, for every package of a real status file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'steward-osquery-'));
    try {
      copyFileSync(fixture('dpkg/status-debian12-sample'), join(dir, 'status'));
      // The columns osquery reads from dpkg: the Status and Source fields verbatim, beside dpkg's own reading of Source.
      const out = execFileSync('dpkg-query', [`--admindir=${dir}`, '-W', '-f', '${Package}\\t${Version}\\t${Architecture}\\t${Status}\\t${Source}\\t${source:Package}\\t${source:Version}\\n'], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      });
      const lines = out.trim().split('\n').map((l) => l.split('\t'));
      const osqueryRows = lines.map(([name, version, arch, status, source]) => ({ name, version, arch, status, source }));
      expect(osqueryRows.filter((r) => r.source?.includes('(')).length).toBeGreaterThan(10);
      const expected = lines.map(([name, version, arch, , , source, sourceVersion]) => ({ name, version, arch, source, sourceVersion }));
      expect(parseOsqueryDebPackages(osqueryRows).packages).toEqual(expected);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each([
    [[rows[0], { name: 'x', arch: 'amd64' }], 'osquery row 1: column "version" is missing'],
    [[{ name: 'x', version: null, arch: 'amd64' }], 'osquery row 0: column "version" is missing'],
    [[{ name: 'x', version: '1' }], 'osquery row 0: column "arch" is missing'],
    [[{ version: '1', arch: 'amd64' }], 'osquery row 0: column "name" is missing'],
    [[{ name: 'x', version: 1, arch: 'amd64' }], 'osquery row 0: column "version" must be a string'],
    [[rows[0], rows[1], { name: 'x', version: ' ', arch: 'amd64' }], 'osquery row 2: column "version" is empty'],
    [[{ name: 'x', version: '1', arch: 'amd64', source: 'a b' }], 'osquery row 0: Source field "a b" is not "name" or "name (version)"'],
    [[{ name: 'x', version: '1', arch: 'amd64', status: 'installed' }], 'osquery row 0: column "status" is "installed", not "want flag state"'],
    [['x'], 'osquery row 0: expected an object'],
    [[null], 'osquery row 0: expected an object'],
    [{ snapshot: 'no' }, 'osquery: "snapshot" must be an array of rows'],
    [{ hostIdentifier: '', snapshot: [] }, 'osquery: hostIdentifier must be a non-empty string'],
    [{ hostIdentifier: 'h', diffResults: { added: [], removed: [] } }, /osquery: a differential result \("diffResults"\) lists changes only/],
    [42, /^osquery: expected an array/],
    [{ rows: [] }, /^osquery: expected an array/],
  ])('rejects %j', (value, message) => {
    expect(() => parseOsqueryDebPackages(value)).toThrow(message);
  });
});
