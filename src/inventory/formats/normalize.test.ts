import { describe, expect, it } from 'vitest';
import { ReportFormatError, type ReportedPackage } from '../report.js';
import { normalizePackages } from './normalize.js';

const p = (name: string, version = '1.0-1', arch = 'amd64', source = name, sourceVersion = version): ReportedPackage => ({
  name,
  version,
  arch,
  source,
  sourceVersion,
});

describe('normalizePackages', () => {
  it('orders by name, then architecture, in byte order', () => {
    const input = [p('libstdc++6'), p('libc6', '2.36-9', 'i386'), p('gcc'), p('libc6-dev'), p('g++-12'), p('libc6', '2.36-9'), p('g++'), p('0ad')];
    expect(normalizePackages(input, 'test').map((x) => `${x.name}:${x.arch}`)).toEqual([
      '0ad:amd64',
      'g++:amd64',
      'g++-12:amd64',
      'gcc:amd64',
      'libc6:amd64',
      'libc6:i386',
      'libc6-dev:amd64',
      'libstdc++6:amd64',
    ]);
  });

  it('leaves the input array as it was', () => {
    const input = [p('zlib1g'), p('adduser')];
    normalizePackages(input, 'test');
    expect(input.map((x) => x.name)).toEqual(['zlib1g', 'adduser']);
  });

  it('drops exact duplicates and keeps one package per architecture', () => {
    const out = normalizePackages([p('zlib1g'), p('libc6', '2.36-9', 'i386'), p('zlib1g'), p('libc6', '2.36-9'), p('zlib1g')], 'test');
    expect(out).toEqual([p('libc6', '2.36-9'), p('libc6', '2.36-9', 'i386'), p('zlib1g')]);
  });

  it('rejects one package twice with different versions, naming the package and both versions', () => {
    const err = (() => {
      try {
        normalizePackages([p('curl'), p('openssl', '3.0.11-1'), p('openssl', '3.0.13-1')], 'report');
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(ReportFormatError);
    expect((err as ReportFormatError).message).toBe('report: package openssl:amd64: listed twice with different versions: 3.0.11-1 and 3.0.13-1');
  });

  it('rejects one package version twice from different sources', () => {
    expect(() => normalizePackages([p('libssl3', '3.0.11-1', 'amd64', 'openssl'), p('libssl3', '3.0.11-1', 'amd64', 'openssl', '3.0.11')], 'osquery')).toThrow(
      'osquery: package libssl3:amd64: listed twice as version 3.0.11-1 built from different sources: openssl 3.0.11-1 and openssl 3.0.11',
    );
    expect(() => normalizePackages([p('libssl3', '3.0.11-1', 'amd64', 'openssl'), p('libssl3', '3.0.11-1', 'amd64', 'openssl3')], 'osquery')).toThrow(
      'built from different sources: openssl 3.0.11-1 and openssl3 3.0.11-1',
    );
  });

  it('accepts real-world names and versions', () => {
    const ok = [p('libc6.1', '2.36-9+deb12u4'), p('lib32z1', '1:1.2.13.dfsg-1'), p('linux-image-6.1.0-18-amd64', '6.1.76-1', 'amd64', 'linux-signed-amd64', '6.1.76+1')];
    expect(normalizePackages([...ok, p('tzdata', '2024a-0+deb12u1', 'all'), p('vim', '2:9.0.1378-2~bpo11+1', 'arm64')], 'test')).toHaveLength(5);
  });

  it.each([
    [p('Bad_Name'), 'package "Bad_Name": not a valid Debian package name'],
    [p(''), 'package "": not a valid Debian package name'],
    [p('-foo'), 'package "-foo": not a valid Debian package name'],
    [p('foo bar'), 'package "foo bar": not a valid Debian package name'],
    [p('ok', '1.0', 'amd64', 'Src'), 'source "Src" is not a valid package name'],
    [p('ok', ''), 'version "" is not a version'],
    [p('ok', '1.0 2'), 'version "1.0 2" is not a version'],
    [p('ok', '1.0\t'), 'version "1.0\\t" is not a version'],
    [p('ok', '1.0', 'amd64', 'ok', ''), 'sourceVersion "" is not a version'],
    [p('ok', '1.0', 'amd64', 'ok', '1 0'), 'sourceVersion "1 0" is not a version'],
    [p('ok', '1.0', ''), 'architecture "" is not valid'],
    [p('ok', '1.0', 'AMD 64'), 'architecture "AMD 64" is not valid'],
  ])('rejects %j', (pkg, message) => {
    expect(() => normalizePackages([p('fine'), pkg], 'test')).toThrow(message);
    expect(() => normalizePackages([pkg], 'where')).toThrow(/^where: package /);
  });
});
