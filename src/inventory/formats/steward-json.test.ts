import { describe, expect, it } from 'vitest';
import { parseStewardReport } from './steward-json.js';

describe('parseStewardReport', () => {
  it('reads host identity and packages, defaulting source and arch as dpkg does', () => {
    const r = parseStewardReport({
      host: { name: ' web1 ', machineId: 'abc', architecture: 'amd64', osCodename: 'bookworm', attributes: { rack: 'b12' }, unknown: 1 },
      packages: [{ name: 'openssl', version: '3.0.11-1' }, { name: 'libssl3', version: '3.0.11-1', source: 'openssl', sourceVersion: '3.0.11-1', arch: 'arm64' }],
    });
    expect(r.host).toEqual({ name: 'web1', machineId: 'abc', architecture: 'amd64', osCodename: 'bookworm', attributes: { rack: 'b12' } });
    expect(r.packages).toEqual([
      { name: 'openssl', version: '3.0.11-1', arch: 'amd64', source: 'openssl', sourceVersion: '3.0.11-1' },
      { name: 'libssl3', version: '3.0.11-1', arch: 'arm64', source: 'openssl', sourceVersion: '3.0.11-1' },
    ]);
  });

  it('accepts a host with no packages', () => {
    expect(parseStewardReport({ host: { name: 'bare' }, packages: [] }).packages).toEqual([]);
  });

  it.each([
    [null, /report: expected an object/],
    [{ packages: [] }, /^host: expected an object/],
    [{ host: { name: '' }, packages: [] }, /host\.name: expected a non-empty string/],
    [{ host: { name: 'x'.repeat(254) }, packages: [] }, /host\.name: at most 253/],
    [{ host: { name: 'h' } }, /packages: expected an array/],
    [{ host: { name: 'h' }, packages: [{ name: 'a', version: '1' }] }, /packages\[0\]\.arch: expected an architecture/],
    [{ host: { name: 'h', architecture: 'amd64' }, packages: [{ name: 'a' }] }, /packages\[0\]\.version: expected a non-empty string/],
    [{ host: { name: 'h', attributes: { a: 1 } }, packages: [] }, /host\.attributes\.a: expected a string/],
    [{ host: { name: 'h', osId: 7 }, packages: [] }, /host\.osId: expected a non-empty string/],
  ])('rejects %j naming the path', (value, message) => {
    expect(() => parseStewardReport(value)).toThrow(message);
  });
});
