import { describe, expect, it } from 'vitest';
import { FeedFormatError } from '../model.js';
import { parseTrackerJson } from './tracker-json.js';

// The shape tracker_service.py writes (reference notes §3): null members dropped, `repositories` beside the verdict.
const tracker = {
  openssl: {
    'CVE-2023-0286': {
      description: 'X.400 address type confusion in X.509 GeneralName',
      scope: 'remote',
      releases: {
        bookworm: { status: 'resolved', repositories: { bookworm: '3.0.11-1~deb12u2' }, fixed_version: '3.0.8-1', urgency: 'not yet assigned' },
        bullseye: {
          status: 'resolved',
          repositories: { bullseye: '1.1.1w-0+deb11u1', 'bullseye-security': '1.1.1w-0+deb11u1' },
          fixed_version: '1.1.1n-0+deb11u4',
          urgency: 'high',
        },
      },
    },
    'CVE-2022-3602': {
      description: 'X.509 Email Address 4-byte Buffer Overflow',
      scope: 'remote',
      debianbug: 1023185,
      releases: {
        bookworm: { status: 'resolved', repositories: { bookworm: '3.0.11-1~deb12u2' }, fixed_version: '3.0.7-1', urgency: 'not yet assigned' },
        bullseye: { status: 'resolved', repositories: { bullseye: '1.1.1w-0+deb11u1' }, fixed_version: '0', urgency: 'unimportant' },
      },
    },
    'CVE-2023-5678': {
      description: 'Excessive time spent in DH check / generation with large Q parameter value\nmore text',
      scope: 'remote',
      releases: {
        bullseye: { status: 'open', repositories: { bullseye: '1.1.1w-0+deb11u1' }, urgency: 'low', nodsa: 'Minor issue', nodsa_reason: '' },
        bookworm: { status: 'open', repositories: { bookworm: '3.0.11-1~deb12u2' }, urgency: 'low*', nodsa: 'Minor issue', nodsa_reason: 'postponed' },
        buster: { status: 'open', repositories: { buster: '1.1.1n-0+deb10u6' }, urgency: 'low', nodsa: 'Minor issue', nodsa_reason: 'ignored' },
        trixie: { status: 'open', repositories: { trixie: '3.0.11-1' }, urgency: 'low' },
      },
    },
  },
  libwebp: {
    'CVE-2023-4863': {
      description: 'Heap buffer overflow in libwebp in Google Chrome prior to 116.0.5845.187 ...',
      scope: 'remote',
      releases: {
        bookworm: { status: 'resolved', repositories: { bookworm: '1.2.4-0.2+deb12u1' }, fixed_version: '1.2.4-0.2+deb12u1', urgency: 'not yet assigned' },
        bullseye: { status: 'resolved', repositories: { bullseye: '0.6.1-2.1+deb11u2' }, fixed_version: '0.6.1-2.1+deb11u2', urgency: 'not yet assigned' },
      },
    },
  },
  'firefox-esr': {
    'CVE-2023-4863': {
      description: 'Heap buffer overflow in libwebp in Google Chrome prior to 116.0.5845.187 ...',
      scope: 'remote',
      releases: {
        bookworm: { status: 'resolved', repositories: { bookworm: '115.5.0esr-1~deb12u1' }, fixed_version: '115.2.1esr-1~deb12u1', urgency: 'not yet assigned' },
      },
    },
  },
  chromium: {
    'CVE-2023-1528': {
      description: 'Use after free in Passwords in Google Chrome prior to 111.0.5563.110',
      scope: 'remote',
      releases: {
        buster: { status: 'open', repositories: { buster: '90.0.4430.212-1~deb10u1' }, urgency: 'end-of-life' },
        bullseye: { status: 'resolved', repositories: { bullseye: '120.0.6099.224-1~deb11u1' }, fixed_version: '111.0.5563.110-1~deb11u1', urgency: 'not yet assigned' },
      },
    },
  },
  'golang-1.19': {
    'TEMP-0000000-2A7B1F': {
      releases: { bookworm: { status: 'undetermined', repositories: { bookworm: '1.19.8-2' }, urgency: 'not yet assigned' } },
    },
  },
};

const text = JSON.stringify(tracker);
const rejection = (where: string, message: RegExp) => expect.objectContaining({ name: FeedFormatError.name, where, message: expect.stringMatching(message) });
const withRelease = (release: object) => JSON.stringify({ openssl: { 'CVE-2023-0286': { releases: { bookworm: release } } } });

describe('parseTrackerJson', () => {
  const feed = parseTrackerJson(text);
  const byId = new Map(feed.advisories.map((a) => [a.id, a]));

  it('makes one advisory per issue, however many sources list it', () => {
    expect(feed.advisories.map((a) => a.id)).toEqual(['CVE-2023-0286', 'CVE-2022-3602', 'CVE-2023-5678', 'CVE-2023-4863', 'CVE-2023-1528', 'TEMP-0000000-2A7B1F']);
    expect(feed.skipped).toEqual({});
  });

  it('reads a CVE fixed in two releases, with the highest urgency as severity', () => {
    expect(byId.get('CVE-2023-0286')).toEqual({
      id: 'CVE-2023-0286',
      source: 'debian',
      title: 'X.400 address type confusion in X.509 GeneralName',
      description: 'X.400 address type confusion in X.509 GeneralName',
      cves: ['CVE-2023-0286'],
      severity: 'high',
      packages: [
        { release: 'bookworm', kind: 'source', name: 'openssl', fixedVersion: '3.0.8-1', state: 'fixed' },
        { release: 'bullseye', kind: 'source', name: 'openssl', fixedVersion: '1.1.1n-0+deb11u4', state: 'fixed' },
      ],
    });
  });

  it('reads fixed_version "0" as not affected', () => {
    expect(byId.get('CVE-2022-3602')!.packages[1]).toEqual({ release: 'bullseye', kind: 'source', name: 'openssl', fixedVersion: null, state: 'not-affected' });
    expect(byId.get('CVE-2022-3602')!.severity).toBe('unimportant');
  });

  it('tells open issues apart by nodsa and nodsa_reason, keeping the note', () => {
    const cve = byId.get('CVE-2023-5678')!;
    expect(cve.title).toBe('Excessive time spent in DH check / generation with large Q parameter value');
    expect(cve.severity).toBe('low');
    expect(cve.packages.map((p) => [p.release, p.state, p.note])).toEqual([
      ['bullseye', 'no-dsa', 'Minor issue'],
      ['bookworm', 'postponed', 'Minor issue'],
      ['buster', 'ignored', 'Minor issue'],
      ['trixie', 'unfixed', undefined],
    ]);
    expect(cve.packages.every((p) => p.fixedVersion === null)).toBe(true);
  });

  it('gathers the packages of every source listing the CVE', () => {
    expect(byId.get('CVE-2023-4863')!.packages.map((p) => [p.name, p.release, p.fixedVersion])).toEqual([
      ['libwebp', 'bookworm', '1.2.4-0.2+deb12u1'],
      ['libwebp', 'bullseye', '0.6.1-2.1+deb11u2'],
      ['firefox-esr', 'bookworm', '115.2.1esr-1~deb12u1'],
    ]);
  });

  it('reads urgency end-of-life as end of life, and status undetermined', () => {
    expect(byId.get('CVE-2023-1528')!.packages[0]).toEqual({ release: 'buster', kind: 'source', name: 'chromium', fixedVersion: null, state: 'end-of-life' });
    expect(byId.get('CVE-2023-1528')!.severity).toBeUndefined();
    expect(byId.get('TEMP-0000000-2A7B1F')).toEqual({
      id: 'TEMP-0000000-2A7B1F',
      source: 'debian',
      title: 'TEMP-0000000-2A7B1F',
      cves: [],
      packages: [{ release: 'bookworm', kind: 'source', name: 'golang-1.19', fixedVersion: null, state: 'undetermined' }],
    });
  });

  it('refuses a truncated document', () => {
    expect(() => parseTrackerJson(text.slice(0, text.length / 2))).toThrow(rejection('tracker JSON', /not valid JSON/));
  });

  it('refuses ill-typed members, naming their path', () => {
    expect(() => parseTrackerJson('[]')).toThrow(rejection('$', /expected an object, got an array/));
    expect(() => parseTrackerJson(withRelease({ status: 1 }))).toThrow(rejection('$.openssl["CVE-2023-0286"].releases.bookworm.status', /expected a string, got number 1/));
    expect(() => parseTrackerJson(JSON.stringify({ openssl: { 'CVE-2023-0286': { description: 'x' } } }))).toThrow(
      rejection('$.openssl["CVE-2023-0286"].releases', /expected an object, got nothing/),
    );
    expect(() => parseTrackerJson(JSON.stringify({ openssl: { 'DSA-5343-1': { releases: {} } } }))).toThrow(rejection('$.openssl["DSA-5343-1"]', /expected a CVE-… or TEMP-… issue id/));
  });

  it('refuses verdicts it cannot read', () => {
    const path = '$.openssl["CVE-2023-0286"].releases.bookworm';
    expect(() => parseTrackerJson(withRelease({ status: 'fixed' }))).toThrow(rejection(`${path}.status`, /unknown status "fixed"/));
    expect(() => parseTrackerJson(withRelease({ status: 'resolved' }))).toThrow(rejection(path, /without a fixed_version/));
    expect(() => parseTrackerJson(withRelease({ status: 'resolved', fixed_version: '3.0.8 -1' }))).toThrow(rejection(`${path}.fixed_version`, /invalid version/));
    expect(() => parseTrackerJson(withRelease({ status: 'open', nodsa: 'x', nodsa_reason: 'later' }))).toThrow(rejection(`${path}.nodsa_reason`, /unknown nodsa_reason "later"/));
  });
});
