import { describe, expect, it } from 'vitest';
import { formatBytes } from '../core/size-text.js';
import { Progress } from './progress.js';

/** A stream that keeps what is written. */
const sink = () => {
  const out = { text: '', isTTY: false, write: (s: string) => ((out.text += s), true) };
  return out;
};

describe('CLI progress', () => {
  it('writes one plain line per step outside a terminal, and nothing for advances', () => {
    const out = sink();
    const p = new Progress(out as unknown as NodeJS.WriteStream, false);
    p.step('reading DSA-list');
    p.advance(512, 1024);
    p.step('parsing 1 KB');
    p.finish();
    expect(out.text).toBe('reading DSA-list\nparsing 1 KB\n');
  });

  it('rewrites one line on a terminal: a bar for a known total, the count without one, and clears it at the end', () => {
    const out = sink();
    const p = new Progress(out as unknown as NodeJS.WriteStream, true);
    p.step('reading feed');
    p.advance(3 * 1024 ** 2, 4 * 1024 ** 2);
    expect(out.text.split('\r\x1b[K').at(-1)).toBe(`reading feed  [${'#'.repeat(23)}${'.'.repeat(7)}] 75% 3 MB of 4 MB`);
    p.step('reading url');
    p.advance(2048, null);
    expect(out.text.split('\r\x1b[K').at(-1)).toBe('reading url  2 KB');
    p.finish();
    expect(out.text.endsWith('\r\x1b[K')).toBe(true);
    expect(out.text).not.toContain('\n');
  });

  it('formats sizes for people', () => {
    expect([formatBytes(900), formatBytes(838 * 1024), formatBytes(60.4 * 1024 ** 2)]).toEqual(['900 B', '838 KB', '60.4 MB']);
  });
});
