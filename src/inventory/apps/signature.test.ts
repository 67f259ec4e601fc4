import { describe, expect, it } from 'vitest';
import { readUpdate, replayWindowSeconds, signUpdate } from './signature.js';
import { parseUpdateJson } from './update.js';

const key = { id: 'fleet', secret: 'a shared secret of the fleet' };
const keys = new Map([[key.id, key.secret]]);
const now = Date.parse('2026-12-01T10:00:00Z');

describe('signed updates', () => {
  it('verifies what was signed and hands back the JSON of the update', () => {
    const signed = signUpdate({ app: 'billing', ver: '1.2' }, key, now);
    const json = readUpdate(signed, keys, true, now + 1000);
    expect(parseUpdateJson(json)).toMatchObject({ app: 'billing', ver: '1.2' });
  });

  it('lets clients sign before the server requires it', () => {
    const signed = signUpdate({ app: 'billing', ver: '1.2' }, key, now);
    // A server with keys checks the signature even when anonymous updates are allowed…
    expect(parseUpdateJson(readUpdate(signed, keys, false, now)).ver).toBe('1.2');
    expect(() => readUpdate(signed.replace('1.2', '1.3'), keys, false, now)).toThrow(/does not match/);
    // …one without keys takes the update as if unsigned, and an unsigned one passes untouched.
    expect(parseUpdateJson(readUpdate(signed, new Map(), false, now)).ver).toBe('1.2');
    expect(readUpdate('{"app":"a","ver":"1"}', keys, false, now)).toBe('{"app":"a","ver":"1"}');
  });

  it.each([
    ['an unsigned update', () => '{"app":"a","ver":"1"}', /unsigned update/],
    ['a changed update', () => signUpdate({ app: 'a', ver: '1' }, key, now).replace('"1"', '"2"'), /does not match/],
    ['another key id', () => signUpdate({ app: 'a', ver: '1' }, { id: 'other', secret: key.secret }, now), /unknown signing key "other"/],
    ['another secret', () => signUpdate({ app: 'a', ver: '1' }, { id: key.id, secret: 'not the secret at all' }, now), /does not match/],
    ['a garbled signature line', () => '{"app":"a","ver":"1","ts":1}\nfleet:xyz', /expected "<key id>:<64 hex digits>"/],
    ['an update older than the replay window', () => signUpdate({ app: 'a', ver: '1' }, key, now - (replayWindowSeconds + 5) * 1000), /more than 300 s/],
    ['an update from the future', () => signUpdate({ app: 'a', ver: '1' }, key, now + (replayWindowSeconds + 5) * 1000), /more than 300 s/],
  ])('refuses %s', (_name, text, message) => {
    expect(() => readUpdate(text(), keys, true, now)).toThrow(message);
  });
});
