import { describe, expect, it } from 'vitest';
import { decodeSet, encodeSet, hasId, nextSet } from './package-set.js';

describe('package sets', () => {
  it('round-trips ids and times through their stored form', () => {
    const set = { ids: [1, 7, 2_000_000_000], since: [0, 1_700_000_000, 4_000_000_000] };
    expect(decodeSet(encodeSet(set))).toEqual(set);
  });

  it('keeps the since of kept packages, stamps new ones, drops gone ones, and sorts', () => {
    const at = new Date('2026-11-22T10:00:00Z');
    const now = at.getTime() / 1000;
    const next = nextSet({ ids: [3, 5, 9], since: [100, 200, 300] }, [12, 5, 1, 9, 5], at);
    expect(next).toEqual({ ids: [1, 5, 9, 12], since: [now, 200, 300, now] });
    expect(nextSet({ ids: [], since: [] }, [], at)).toEqual({ ids: [], since: [] });
  });

  it('finds ids by binary search', () => {
    const set = { ids: [2, 4, 8, 16, 32], since: [0, 0, 0, 0, 0] };
    expect([1, 2, 8, 9, 32, 33].map((id) => hasId(set, id))).toEqual([false, true, true, false, true, false]);
  });
});
