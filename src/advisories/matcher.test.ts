import { describe, expect, it } from 'vitest';
import { AdvisoryIndex, isRunningKernel, type PackageTuple } from './matcher.js';

const pkg = (name: string, version: string, source = name, sourceVersion = version, arch = 'amd64'): PackageTuple => ({ name, version, arch, source, sourceVersion });

describe('advisory matching', () => {
  const index = new AdvisoryIndex();
  // 1: a Debian advisory on the openssl source; 2: unfixed in bookworm; 3: not affected; 4: an Ubuntu notice naming
  // source and binaries, with a binary version that differs from the source's.
  index.add('bullseye', 'source', 'openssl', { advisory: 1, fixedVersion: '1.1.1n-0+deb11u4', state: 'fixed' });
  index.add('bookworm', 'source', 'openssl', { advisory: 2, fixedVersion: null, state: 'unfixed' });
  index.add('bookworm', 'source', 'zlib', { advisory: 3, fixedVersion: null, state: 'not-affected' });
  index.add('bookworm', 'source', 'tzdata', { advisory: 5, fixedVersion: null, state: 'end-of-life' });
  index.add('jammy', 'source', 'openssh', { advisory: 4, fixedVersion: '1:8.9p1-3ubuntu0.4', state: 'fixed' });
  index.add('jammy', 'binary', 'openssh-client', { advisory: 4, fixedVersion: '1:8.9p1-3ubuntu0.5', state: 'fixed' });

  it('matches a binary through its source, at the source version', () => {
    // libssl1.1 is built from openssl; a binNMU gives the binary a version the source never had.
    expect(index.evaluate('bullseye', pkg('libssl1.1', '1.1.1n-0+deb11u3+b1', 'openssl', '1.1.1n-0+deb11u3'))).toEqual([{ advisory: 1, fixedVersion: '1.1.1n-0+deb11u4', state: 'fixed-available' }]);
    expect(index.evaluate('bullseye', pkg('libssl1.1', '1.1.1n-0+deb11u4+b1', 'openssl', '1.1.1n-0+deb11u4'))).toEqual([]);
  });

  it('matches a package without Source: by its own name, and only on its release', () => {
    expect(index.evaluate('bullseye', pkg('openssl', '1.1.1k-1'))).toHaveLength(1);
    expect(index.evaluate('buster', pkg('openssl', '1.1.1k-1'))).toEqual([]);
  });

  it('counts unfixed and end-of-life as affecting every version, not-affected as none', () => {
    expect(index.evaluate('bookworm', pkg('libssl3', '99:9', 'openssl', '99:9'))).toEqual([{ advisory: 2, fixedVersion: null, state: 'unfixed' }]);
    expect(index.evaluate('bookworm', pkg('tzdata', '2024a-0+deb12u1'))).toEqual([{ advisory: 5, fixedVersion: null, state: 'unfixed' }]);
    expect(index.evaluate('bookworm', pkg('zlib1g', '1:1.2.13.dfsg-1', 'zlib', '1:1.2.13.dfsg-1'))).toEqual([]);
  });

  it("uses an Ubuntu notice's binary version where it names the binary, the source version elsewhere", () => {
    // The binary entry says 0.5: 0.4 is still affected, although the source entry (0.4) would call it fixed.
    expect(index.evaluate('jammy', pkg('openssh-client', '1:8.9p1-3ubuntu0.4', 'openssh', '1:8.9p1-3ubuntu0.4'))).toEqual([{ advisory: 4, fixedVersion: '1:8.9p1-3ubuntu0.5', state: 'fixed-available' }]);
    // openssh-server is not named as a binary: the source version decides.
    expect(index.evaluate('jammy', pkg('openssh-server', '1:8.9p1-3ubuntu0.4', 'openssh', '1:8.9p1-3ubuntu0.4'))).toEqual([]);
    expect(index.evaluate('jammy', pkg('openssh-server', '1:8.9p1-3ubuntu0.3', 'openssh', '1:8.9p1-3ubuntu0.3'))).toHaveLength(1);
  });

  it('matches architecture-independent packages like any other', () => {
    expect(index.evaluate('bullseye', pkg('openssl-doc', '1.1.1k-1', 'openssl', '1.1.1k-1', 'all'))).toHaveLength(1);
  });

  it('forgets the entries of advisories given a new revision', () => {
    const i = new AdvisoryIndex();
    i.add('bullseye', 'source', 'curl', { advisory: 9, fixedVersion: '7.74.0-1.3+deb11u7', state: 'fixed' });
    i.remove(new Set([9]));
    expect(i.evaluate('bullseye', pkg('curl', '7.74.0-1.3+deb11u1'))).toEqual([]);
  });

  it('tells the running kernel from kernels that are only installed', () => {
    expect(isRunningKernel('linux-image-6.1.0-18-amd64', '6.1.0-18-amd64')).toBe(true);
    expect(isRunningKernel('linux-image-6.1.0-17-amd64', '6.1.0-18-amd64')).toBe(false);
    expect(isRunningKernel('linux-modules-5.15.0-91-generic', '5.15.0-91-generic')).toBe(true);
    expect(isRunningKernel('linux-image-amd64', '6.1.0-18-amd64')).toBeUndefined();
    expect(isRunningKernel('openssl', '6.1.0-18-amd64')).toBeUndefined();
  });
});
