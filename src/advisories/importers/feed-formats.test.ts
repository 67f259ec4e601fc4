import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fixture } from '../../../test/helpers/fixtures.js';
import { FeedFormatError } from '../model.js';
import { detectFormat, feedFormats } from './index.js';

const read = (...parts: string[]) => readFileSync(fixture(...parts), 'utf8');
const rejection = (where: string, message: RegExp) => expect.objectContaining({ name: FeedFormatError.name, where, message: expect.stringMatching(message) });
const tracker = JSON.stringify({
  '0ad': {},
  openssl: { 'CVE-2023-0286': { releases: { bookworm: { status: 'resolved', fixed_version: '3.0.8-1', urgency: 'not yet assigned' } } } },
});

describe('detectFormat', () => {
  it('tells the four formats apart by their content', () => {
    expect(detectFormat(read('debian/DSA-list'))).toBe('dsa-list');
    expect(detectFormat('[02 Apr 2023] DLA-3380-1 foo - security update\n')).toBe('dsa-list');
    expect(detectFormat(tracker)).toBe('tracker-json');
    expect(detectFormat(read('ubuntu/usn/7000-1.json'))).toBe('usn-json');
    expect(detectFormat(JSON.stringify({ '7000-1': JSON.parse(read('ubuntu/usn/7000-1.json')) }))).toBe('usn-json');
    expect(detectFormat(read('ubuntu/osv/USN-7264-1.json'))).toBe('osv');
    expect(detectFormat(`\n[${read('ubuntu/osv/USN-7000-1.json')}]`)).toBe('osv');
  });

  it('gives the registry entry that reads the feed', () => {
    const text = read('ubuntu/osv/USN-2169-1.json');
    expect(feedFormats[detectFormat(text)].parse(text).advisories[0]!.id).toBe('USN-2169-1');
    expect(Object.keys(feedFormats)).toEqual(['dsa-list', 'tracker-json', 'usn-json', 'osv']);
    expect(feedFormats['tracker-json'].parse(tracker).advisories.map((a) => a.id)).toEqual(['CVE-2023-0286']);
  });

  it('names the file when no format fits', () => {
    expect(() => detectFormat('Package: foo\nVersion: 1.0\n', 'status')).toThrow(rejection('status', /cannot tell the feed format.*dsa-list, tracker-json, usn-json, osv/));
    expect(() => detectFormat('{"name": "x"}', 'x.json')).toThrow(rejection('x.json', /cannot tell the feed format/));
    expect(() => detectFormat('[]')).toThrow(rejection('input', /cannot tell the feed format/));
    expect(() => detectFormat('{"schema_version": "1.7.0", "id": ', 'USN-1-1.json')).toThrow(rejection('USN-1-1.json', /not valid JSON/));
  });
});
