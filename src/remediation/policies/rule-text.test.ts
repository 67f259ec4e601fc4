// The text form of window rules (the CLI's --patch and --reboot): reading it, writing it back, and refusing bad text.
import { describe, expect, it } from 'vitest';
import { parseRuleText, ruleText } from './rule-text.js';
import { validateRule } from './windows.js';

const roundTrip = (text: string) => ruleText(validateRule(parseRuleText(text, '--patch'), 'patchWindow'));

describe('rule text', () => {
  it('reads the three forms', () => {
    expect(parseRuleText('daily 02:00 2h', '--patch')).toEqual({ kind: 'daily', at: '02:00', minutes: 120 });
    expect(parseRuleText('weekly mon,thu 22:30 90m', '--patch')).toEqual({ kind: 'weekly', days: ['mon', 'thu'], at: '22:30', minutes: 90 });
    expect(parseRuleText("cron '30 2 * * 1-5' 1h", '--patch')).toEqual({ kind: 'cron', expression: '30 2 * * 1-5', minutes: 60 });
    expect(parseRuleText('cron "0 3 * * SUN" 1.5h', '--patch')).toEqual({ kind: 'cron', expression: '0 3 * * SUN', minutes: 90 });
    expect(parseRuleText('cron 0 3 * * 0 1d', '--patch')).toEqual({ kind: 'cron', expression: '0 3 * * 0', minutes: 1440 });
    expect(parseRuleText('  Weekly  SUN,Sat  03:00  7d ', '--patch')).toEqual({ kind: 'weekly', days: ['sun', 'sat'], at: '03:00', minutes: 10080 });
  });

  it('writes what it reads back as the same rule, in its shortest form', () => {
    expect(roundTrip('daily 02:00 120m')).toBe('daily 02:00 2h');
    expect(roundTrip('weekly thu,mon 22:30 1.5h')).toBe('weekly mon,thu 22:30 90m');
    expect(roundTrip("cron '30  2 * * 1-5' 60m")).toBe("cron '30 2 * * 1-5' 1h");
    expect(roundTrip('daily 00:00 2880m')).toBe('daily 00:00 2d');
    for (const text of ['daily 02:00 2h', 'weekly mon,thu 22:30 90m', "cron '30 2 * * 1-5' 1h"]) expect(roundTrip(roundTrip(text))).toBe(text);
  });

  it('refuses other shapes and lengths out of range, naming the option', () => {
    const forms = `"daily HH:MM LENGTH", "weekly DAYS HH:MM LENGTH" or "cron 'EXPRESSION' LENGTH"`;
    expect(() => parseRuleText('hourly 2h', '--patch')).toThrow(`--patch: expected ${forms}, got "hourly 2h"`);
    expect(() => parseRuleText('daily 02:00', '--reboot')).toThrow(`--reboot: expected ${forms}, got "daily 02:00"`);
    expect(() => parseRuleText('weekly mon, thu 22:30 90m', '--patch')).toThrow(/^--patch: expected/);
    expect(() => parseRuleText('', '--patch')).toThrow(/^--patch: expected/);
    expect(() => parseRuleText('daily 02:00 0m', '--patch')).toThrow('--patch length: expected 1m to 7d, got "0m"');
    expect(() => parseRuleText('daily 02:00 0', '--patch')).toThrow('--patch length: expected 1m to 7d, got "0"');
    expect(() => parseRuleText('daily 02:00 7d1m', '--patch')).toThrow(/^--patch length: expected a duration like/);
    expect(() => parseRuleText('daily 02:00 10081m', '--patch')).toThrow('--patch length: expected 1m to 7d, got "10081m"');
    expect(() => parseRuleText('daily 02:00 90s', '--patch')).toThrow('--patch length: expected whole minutes, got "90s"');
  });
});
