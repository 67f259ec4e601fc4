import { describe, expect, it } from 'vitest';
import type { PackageTuple } from './matcher.js';
import type { ParsedAdvisory, ParsedFeed } from './model.js';
import { scanJson, scanPackages } from './scan.js';

const pkg = (name: string, version: string, source = name, sourceVersion = version, arch = 'amd64'): PackageTuple => ({ name, version, arch, source, sourceVersion });
const advisory = (id: string, name: string, fixedVersion: string | null, release = 'bookworm'): ParsedAdvisory => ({
  id,
  source: 'debian',
  title: id,
  cves: [],
  packages: [{ release, kind: 'source', name, fixedVersion, state: fixedVersion === null ? 'unfixed' : 'fixed' }],
});
const feed = (...advisories: ParsedAdvisory[]): ParsedFeed => ({ advisories, skipped: {} });

const kernels = [pkg('linux-image-6.1.0-18-amd64', '6.1.76-1', 'linux'), pkg('linux-image-6.1.0-20-amd64', '6.1.85-1', 'linux')];
const linux = feed(advisory('DSA-9200-1', 'linux', '6.1.90-1'));

describe('steward scan, in memory', () => {
  it('sets kernels that are not running apart, and leaves them out of the fix command', () => {
    const r = scanPackages(kernels, 'bookworm', [linux], '6.1.0-20-amd64');
    expect(r.exposures.map((e) => e.package)).toEqual(['linux-image-6.1.0-20-amd64']);
    expect(r.notRunningKernels.map((e) => e.package)).toEqual(['linux-image-6.1.0-18-amd64']);
    expect(r.fixCommand).toBe('apt-get install --only-upgrade linux-image-6.1.0-20-amd64');
  });

  it('sets no kernel apart when the running one is not known', () => {
    const r = scanPackages(kernels, 'bookworm', [linux], null);
    expect(r.exposures.map((e) => e.package)).toEqual(['linux-image-6.1.0-18-amd64', 'linux-image-6.1.0-20-amd64']);
    expect(r.notRunningKernels).toEqual([]);
  });

  it('counts an advisory found in two feeds as the later one, not one a later feed withdraws, and judges only the release asked for', () => {
    const packages = [pkg('libssl3', '3.0.9-1', 'openssl')];
    const older = feed(advisory('DSA-9201-1', 'openssl', '3.0.10-1'), advisory('DSA-9202-1', 'openssl', '3.0.99-1', 'bullseye'));
    const newer = feed(advisory('DSA-9201-1', 'openssl', '3.0.9-1'));
    expect(scanPackages(packages, 'bookworm', [older], null).exposures.map((e) => e.advisory)).toEqual(['DSA-9201-1']);
    const r = scanPackages(packages, 'bookworm', [older, newer], null);
    expect(r).toMatchObject({ advisories: 2, exposures: [], fixCommand: null });
    const withdrawn = scanPackages(packages, 'bookworm', [older, { advisories: [], skipped: {}, withdrawn: ['DSA-9201-1'] }], null);
    expect(withdrawn).toMatchObject({ advisories: 1, exposures: [] });
  });

  it('reports packages whose version cannot be ordered instead of judging them', () => {
    const r = scanPackages([pkg('odd', 'abc'), pkg('openssl', '3.0.1-1')], 'bookworm', [feed(advisory('DSA-9203-1', 'odd', '1.0-1'), advisory('DSA-9204-1', 'openssl', null))], null);
    expect(r.unjudged).toEqual([{ name: 'odd', version: 'abc' }]);
    expect(r.exposures).toEqual([{ advisory: 'DSA-9204-1', package: 'openssl', arch: 'amd64', installedVersion: '3.0.1-1', fixedVersion: null, state: 'unfixed' }]);
  });

  it('prints one JSON entry for a package installed for two architectures, with exactly the interface keys', () => {
    const packages = [pkg('libc6', '2.36-9', 'glibc'), pkg('libc6', '2.36-9', 'glibc', '2.36-9', 'i386')];
    const r = scanPackages(packages, 'bookworm', [feed(advisory('DSA-9205-1', 'glibc', '2.36-9+deb12u1'))], null);
    expect(r.exposures).toHaveLength(2);
    expect(scanJson(r)).toEqual({ exposures: [{ advisory: 'DSA-9205-1', package: 'libc6', installedVersion: '2.36-9', fixedVersion: '2.36-9+deb12u1', state: 'fixed-available' }] });
  });
});
