import { describe, expect, it } from 'vitest';
import { parseOsqueryDebPackages } from './osquery.js';

const rows = [
  { name: 'libssl3', version: '3.0.11-1~deb12u2', source: 'openssl', arch: 'amd64', status: 'install ok installed' },
  { name: 'bash', version: '5.2.15-2+b2', source: 'bash (5.2.15-2)', arch: 'amd64', status: 'install ok installed' },
  { name: 'curl', version: '7.88.1-10+deb12u5', source: '', arch: 'amd64', status: 'hold ok installed' },
  { name: 'telnet', version: '0.17+2.4-2', source: 'inetutils', arch: 'amd64', status: 'deinstall ok config-files' },
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
    const r = parseOsqueryDebPackages({ name: 'pack_deb', hostIdentifier: 'web1', calendarTime: 'x', snapshot: rows.slice(0, 1) });
    expect(r.hostIdentifier).toBe('web1');
    expect(r.packages.map((p) => p.name)).toEqual(['libssl3']);
  });

  it('treats rows without a status column as installed', () => {
    expect(parseOsqueryDebPackages([{ name: 'a', version: '1', arch: 'all' }]).packages).toHaveLength(1);
  });

  it('names the row and column of bad input', () => {
    expect(() => parseOsqueryDebPackages([rows[0], { name: 'x', arch: 'amd64' }])).toThrow('osquery row 1: column "version" is missing');
    expect(() => parseOsqueryDebPackages([{ name: 'x', version: 1, arch: 'amd64' }])).toThrow('osquery row 0: column "version" must be a string');
    expect(() => parseOsqueryDebPackages(['x'])).toThrow('osquery row 0: expected an object');
    expect(() => parseOsqueryDebPackages({ snapshot: 'no' })).toThrow(/"snapshot" must be an array/);
    expect(() => parseOsqueryDebPackages(42)).toThrow(/expected an array/);
  });
});
