import { describe, expect, it } from 'vitest';
import { diffExposures, exposuresOf, installedVersions, type OpenExposure } from './exposures.js';
import type { PackageTuple } from './matcher.js';

const tuple = (name: string, version: string): PackageTuple => ({ name, version, arch: 'amd64', source: name, sourceVersion: version });
const open = (id: number, over: Partial<OpenExposure> = {}): OpenExposure => ({
  id,
  advisory: 1,
  package: 'openssl',
  arch: 'amd64',
  installedVersion: '3.0.11-1',
  fixedVersion: '3.0.13-1',
  state: 'fixed-available',
  notRunning: false,
  ...over,
});

describe('exposures', () => {
  it('lists each package with each advisory that hits it, kernels that are not running apart', () => {
    const found = exposuresOf(
      [
        { tuple: tuple('openssl', '3.0.11-1'), findings: [{ advisory: 1, fixedVersion: '3.0.13-1', state: 'fixed-available' }] },
        { tuple: tuple('linux-image-6.1.0-17-amd64', '6.1.69-1'), findings: [{ advisory: 2, fixedVersion: null, state: 'unfixed' }] },
        { tuple: tuple('linux-image-6.1.0-18-amd64', '6.1.76-1'), findings: [{ advisory: 2, fixedVersion: null, state: 'unfixed' }] },
      ],
      '6.1.0-18-amd64',
    );
    expect(found.map((e) => [e.package, e.advisory, e.notRunning])).toEqual([
      ['openssl', 1, false],
      ['linux-image-6.1.0-17-amd64', 2, true],
      ['linux-image-6.1.0-18-amd64', 2, false],
    ]);
  });

  it('closes an exposure as upgraded with the new version as evidence, or as removed', () => {
    const current = [open(10), open(11, { advisory: 2, package: 'curl', installedVersion: '7.88.1-10' })];
    const now = installedVersions(() => [tuple('openssl', '3.0.13-1')]);
    expect(diffExposures(current, [], now)).toEqual({
      open: [],
      update: [],
      close: [
        { id: 10, reason: 'upgraded', evidenceVersion: '3.0.13-1' },
        { id: 11, reason: 'removed', evidenceVersion: null },
      ],
    });
  });

  it('keeps what is unchanged, reopens at a new version that is still exposed, updates a revised advisory in place', () => {
    const { id: _, ...same } = open(10);
    const stillLow = { ...same, installedVersion: '3.0.12-1' };
    expect(diffExposures([open(10)], [same], installedVersions(() => []))).toEqual({ open: [], close: [], update: [] });
    expect(diffExposures([open(10)], [stillLow], installedVersions(() => [tuple('openssl', '3.0.12-1')]))).toEqual({
      open: [stillLow],
      close: [{ id: 10, reason: 'upgraded', evidenceVersion: '3.0.12-1' }],
      update: [],
    });
    const revised = { ...same, fixedVersion: '3.0.14-1' };
    expect(diffExposures([open(10)], [revised], installedVersions(() => []))).toEqual({ open: [], close: [], update: [{ id: 10, exposure: revised }] });
  });

  it('opens what is new beside what stays', () => {
    const { id: _, ...fresh } = open(0, { advisory: 7 });
    const { id: __, ...stays } = open(10);
    expect(diffExposures([open(10)], [fresh, stays], installedVersions(() => []))).toEqual({ open: [fresh], close: [], update: [] });
  });
});
