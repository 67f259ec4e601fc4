import { describe, expect, it } from 'vitest';
import { normalizePackages } from './normalize.js';

const p = (name: string, version = '1.0-1', arch = 'amd64') => ({ name, version, arch, source: name, sourceVersion: version });

describe('normalizePackages', () => {
  it('sorts by name and architecture and merges exact duplicates', () => {
    expect(normalizePackages([p('zlib1g'), p('libc6', '2.36-9', 'i386'), p('libc6', '2.36-9'), p('zlib1g')], 'test')).toEqual([
      p('libc6', '2.36-9'),
      p('libc6', '2.36-9', 'i386'),
      p('zlib1g'),
    ]);
  });

  it('rejects one package twice with different versions, naming both', () => {
    expect(() => normalizePackages([p('openssl', '3.0.11-1'), p('openssl', '3.0.13-1')], 'report')).toThrow(
      'report: package openssl:amd64: listed twice with different versions: 3.0.11-1 and 3.0.13-1',
    );
  });

  it.each([
    [p('Bad_Name'), /not a valid Debian package name/],
    [p('ok', '1.0 2'), /version "1.0 2" is not a version/],
    [{ ...p('ok'), sourceVersion: '' }, /sourceVersion "" is not a version/],
    [p('ok', '1.0', 'AMD 64'), /architecture "AMD 64"/],
  ])('rejects %j', (pkg, message) => {
    expect(() => normalizePackages([pkg], 'test')).toThrow(message);
  });
});
