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

describe('parseStewardReport limits and defaults', () => {
  const host = { name: 'h', architecture: 'amd64' };
  const attrs = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, 'v']));

  it('accepts values right at the limits', () => {
    const r = parseStewardReport({ host: { name: 'n'.repeat(253), attributes: { ['k'.repeat(100)]: 'v'.repeat(1000) } }, packages: [] });
    expect(r.host.name).toHaveLength(253);
    expect(Object.keys(parseStewardReport({ host: { name: 'h', attributes: attrs(200) }, packages: [] }).host.attributes!)).toHaveLength(200);
  });

  it.each([
    [{ host: { name: 'h', attributes: attrs(201) }, packages: [] }, 'host.attributes: at most 200 attributes'],
    [{ host: { name: 'h', attributes: { ['k'.repeat(101)]: 'v' } }, packages: [] }, `host.attributes.${'k'.repeat(101)}: keys are 1–100 characters`],
    [{ host: { name: 'h', attributes: { '': 'v' } }, packages: [] }, 'host.attributes.: keys are 1–100 characters'],
    [{ host: { name: 'h', attributes: { rack: 'v'.repeat(1001) } }, packages: [] }, 'host.attributes.rack: at most 1000 characters'],
    [{ host: { name: 'h', attributes: ['a'] }, packages: [] }, 'host.attributes: expected an object of strings'],
    [{ host: { name: 'h', kernel: 'k'.repeat(201) }, packages: [] }, 'host.kernel: at most 200 characters'],
    [{ host, packages: [{ name: 'a', version: '1' }, {}, {}, { name: 'd', version: '' }] }, 'packages[1].name: expected a non-empty string'],
    [{ host, packages: [{ name: 'a', version: '1' }, { name: 'b', version: '1' }, { name: 'c', version: '1' }, { name: 'd', version: ' ' }] }, 'packages[3].version: expected a non-empty string'],
    [{ host, packages: [{ name: 'a', version: '1' }, 'b'] }, 'packages[1]: expected an object'],
    [{ host, packages: [{ name: 'a', version: '1', source: 5 }] }, 'packages[0].source: expected a non-empty string'],
    [{ host, packages: { name: 'a' } }, 'packages: expected an array'],
  ])('rejects %#', (value, message) => {
    expect(() => parseStewardReport(value)).toThrow(message);
  });

  it('keeps an attribute named __proto__ as data', () => {
    const r = parseStewardReport(JSON.parse('{"host":{"name":"h","attributes":{"__proto__":"x","rack":"b1"}},"packages":[]}'));
    expect(Object.entries(r.host.attributes!)).toEqual([
      ['__proto__', 'x'],
      ['rack', 'b1'],
    ]);
  });

  it('defaults only what is missing: source version from the binary, arch from the host', () => {
    const r = parseStewardReport({
      host,
      packages: [
        { name: 'libssl3', version: '3.0.11-1+b1', source: 'openssl' },
        { name: 'tzdata', version: '2024a-0', arch: 'all', sourceVersion: '2024a' },
      ],
      extra: { ignored: true },
    });
    expect(r.packages).toEqual([
      { name: 'libssl3', version: '3.0.11-1+b1', arch: 'amd64', source: 'openssl', sourceVersion: '3.0.11-1+b1' },
      { name: 'tzdata', version: '2024a-0', arch: 'all', source: 'tzdata', sourceVersion: '2024a' },
    ]);
  });
});
