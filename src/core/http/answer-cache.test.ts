import { describe, expect, it } from 'vitest';
import { AnswerCache, firstAfter } from './answer-cache.js';

describe('the answer cache', () => {
  it('serves an answer again while the stamp stays and its clock instant is ahead, and builds it again after', async () => {
    let stamp = 'a';
    let builds = 0;
    let clock = 1000;
    const cache = new AnswerCache(async () => stamp);
    const ask = () => cache.get('k', async () => ({ value: { n: ++builds }, until: new Date(2000) }), () => clock);
    expect(await ask()).toEqual({ value: { n: 1 }, json: Buffer.from('{"n":1}') });
    expect((await ask()).value).toEqual({ n: 1 });
    stamp = 'b'; // a write happened
    expect((await ask()).value).toEqual({ n: 2 });
    clock = 2000; // the answer's content changes by the clock now
    expect((await ask()).value).toEqual({ n: 3 });
  });

  it('builds once for concurrent askers, keeps keys apart, and keeps no failure', async () => {
    let builds = 0;
    const cache = new AnswerCache(async () => 's', 2); // two bytes: two one-digit answers
    const slow = () => cache.get('k', async () => ({ value: ++builds, until: null }));
    expect(await Promise.all([slow(), slow(), slow()])).toEqual([1, 1, 1].map((n) => ({ value: n, json: Buffer.from(String(n)) })));
    expect((await cache.get('other', async () => ({ value: 7, until: null }))).value).toBe(7);
    await expect(cache.get('bad', async () => Promise.reject(new Error('no such advisory')))).rejects.toThrow('no such advisory');
    expect((await cache.get('bad', async () => ({ value: 8, until: null }))).value).toBe(8);
    // At most two bytes of answers: the oldest went.
    expect((await cache.get('k', async () => ({ value: ++builds, until: null }))).value).toBe(2);
  });

  it('keeps no answer bigger than all it may keep: such an answer is built each time', async () => {
    let builds = 0;
    const cache = new AnswerCache(async () => 's', 4);
    const big = () => cache.get('big', async () => ({ value: `answer ${++builds}`, until: null }));
    expect((await big()).value).toBe('answer 1');
    expect((await big()).value).toBe('answer 2');
  });

  it('finds the first instant after now among ISO times, ignoring past and missing ones', () => {
    const now = new Date('2026-12-01T12:00:00Z');
    expect(firstAfter(now, ['2026-12-01T11:00:00Z', null, '2026-12-03T00:00:00Z', undefined, '2026-12-02T00:00:00Z'])).toEqual(new Date('2026-12-02T00:00:00Z'));
    expect(firstAfter(now, ['2026-12-01T12:00:00Z'])).toBeNull();
  });
});
