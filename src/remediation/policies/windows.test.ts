// Window rules, pure: daily, weekly and cron windows in UTC and in two zones with DST, across the spring-forward and
// fall-back days of 2026, and the rules refused as bad input.
//
// The expected instants were computed once, independently of this code, with GNU date and zdump (tzdata 2025) and
// written down here:
//   zdump -v -c 2026,2027 Europe/Zurich     → 2026-03-29 01:00:00Z = 03:00 CEST (the jump); 2026-10-25 01:00:00Z = 02:00 CET
//   zdump -v -c 2026,2027 America/New_York  → 2026-03-08 07:00:00Z = 03:00 EDT (the jump); 2026-11-01 06:00:00Z = 01:00 EST
//   date -u -d 'TZ="Europe/Zurich" 2026-03-28 02:30'    → 2026-03-28T01:30:00Z   (CET)
//   date -u -d 'TZ="Europe/Zurich" 2026-03-29 01:30'    → 2026-03-29T00:30:00Z   (CET, just before the gap)
//   date -u -d 'TZ="Europe/Zurich" 2026-03-30 02:30'    → 2026-03-30T00:30:00Z   (CEST)
//   date -u -d 'TZ="Europe/Zurich" 2026-10-25 02:30'    → 2026-10-25T01:30:00Z   (date picks CET, the second
//                                                          occurrence; the first, CEST, is one hour earlier: 00:30Z)
//   date -u -d 'TZ="Europe/Zurich" 2026-10-26 02:30'    → 2026-10-26T01:30:00Z
//   date -u -d 'TZ="Europe/Zurich" 2026-03-22 02:30'    → 2026-03-22T01:30:00Z;  2026-04-05 02:30 → 2026-04-05T00:30:00Z
//   date -u -d 'TZ="Europe/Zurich" 2026-03-26 22:30'    → 2026-03-26T21:30:00Z (Thu);  2026-03-30 22:30 → 20:30Z (Mon)
//   date -u -d 'TZ="Europe/Zurich" 2026-10-22 22:30'    → 2026-10-22T20:30:00Z (Thu);  2026-10-26 22:30 → 21:30Z (Mon)
//   date -u -d 'TZ="America/New_York" 2026-03-07 02:30' → 2026-03-07T07:30:00Z;  2026-03-09 02:30 → 2026-03-09T06:30:00Z
//   date -u -d 'TZ="America/New_York" 2026-11-01 01:30' → 2026-11-01T05:30:00Z (EDT, the first occurrence)
//   date -u -d 'TZ="America/New_York" 2026-10-25 01:30' → 2026-10-25T05:30:00Z;  2026-11-08 01:30 → 2026-11-08T06:30:00Z
//   zdump -v -c 2026,2027 Australia/Lord_Howe (half-hour DST, changes in the middle of a UTC hour):
//     2026-04-04 15:00:00Z = 01:30 +1030 (from 02:00 +11);  2026-10-03 15:30:00Z = 02:30 +11 (from 02:00 +1030)
//   date -u -d 'TZ="Australia/Lord_Howe" 2026-10-03 02:15' → 2026-10-02T15:45:00Z;  2026-10-05 02:15 → 2026-10-04T15:15:00Z
//   date -u -d 'TZ="Australia/Lord_Howe" 2026-04-04 01:45' → 2026-04-03T14:45:00Z;  2026-04-06 01:45 → 2026-04-05T15:15:00Z
import { describe, expect, it } from 'vitest';
import { instantOf, wallClockOf } from './local-time.js';
import { nextWindow, type RuleInput, validateRule, validateTimeZone, type Window, type WindowRule, windowsBetween } from './windows.js';

const rule = (input: RuleInput): WindowRule => validateRule(input, 'patchWindow');
const daily = (at: string, minutes: number) => rule({ kind: 'daily', at, minutes });
const weekly = (days: string[], at: string, minutes: number) => rule({ kind: 'weekly', days, at, minutes });
const cron = (expression: string, minutes: number) => rule({ kind: 'cron', expression, minutes });
const span = (w: Window) => [w.start.toISOString(), w.end.toISOString()];
const starts = (ws: Window[]) => ws.map((w) => w.start.toISOString());
const next = (r: WindowRule, zone: string, after: string) => span(nextWindow(r, zone, new Date(after)));
const between = (r: WindowRule, zone: string, from: string, to: string, limit?: number) => windowsBetween(r, zone, new Date(from), new Date(to), limit);

/** The wall clock in `zone` at an instant, by Intl alone (not by local-time.ts): "2026-03-29 03:00". */
function intlWall(instant: Date, zone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' })
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

describe('daily windows', () => {
  it('open at the same UTC time every day, and last their minutes', () => {
    expect(next(daily('02:00', 120), 'UTC', '2026-01-01T12:00:00Z')).toEqual(['2026-01-02T02:00:00.000Z', '2026-01-02T04:00:00.000Z']);
    expect(starts(between(daily('23:59', 1), 'UTC', '2026-02-27T00:00:00Z', '2026-03-02T00:00:00Z'))).toEqual([
      '2026-02-27T23:59:00.000Z',
      '2026-02-28T23:59:00.000Z',
      '2026-03-01T23:59:00.000Z',
    ]);
  });

  it('follow the wall clock of their zone through the year: 02:00 Zurich is 01:00Z in winter, 00:00Z in summer', () => {
    expect(next(daily('02:00', 60), 'Europe/Zurich', '2026-01-15T00:00:00Z')[0]).toBe('2026-01-15T01:00:00.000Z');
    expect(next(daily('02:00', 60), 'Europe/Zurich', '2026-07-14T23:00:00Z')[0]).toBe('2026-07-15T00:00:00.000Z');
    expect(next(daily('02:00', 60), 'America/New_York', '2026-01-15T00:00:00Z')[0]).toBe('2026-01-15T07:00:00.000Z');
  });

  it('open at the jump when their start is skipped (spring forward), then at the new offset', () => {
    // Europe/Zurich, 2026-03-29: 02:00 CET → 03:00 CEST; 02:30 does not happen that day.
    expect(between(daily('02:30', 60), 'Europe/Zurich', '2026-03-28T00:00:00Z', '2026-03-31T00:00:00Z').map(span)).toEqual([
      ['2026-03-28T01:30:00.000Z', '2026-03-28T02:30:00.000Z'],
      ['2026-03-29T01:00:00.000Z', '2026-03-29T02:00:00.000Z'],
      ['2026-03-30T00:30:00.000Z', '2026-03-30T01:30:00.000Z'],
    ]);
    // America/New_York, 2026-03-08: 02:00 EST → 03:00 EDT.
    expect(starts(between(daily('02:30', 60), 'America/New_York', '2026-03-07T00:00:00Z', '2026-03-10T00:00:00Z'))).toEqual([
      '2026-03-07T07:30:00.000Z',
      '2026-03-08T07:00:00.000Z',
      '2026-03-09T06:30:00.000Z',
    ]);
  });

  it('last their minutes of elapsed time across the jump: 2 h from 01:30 CET close at 04:30 CEST', () => {
    const w = nextWindow(daily('01:30', 120), 'Europe/Zurich', new Date('2026-03-28T12:00:00Z'));
    expect(span(w)).toEqual(['2026-03-29T00:30:00.000Z', '2026-03-29T02:30:00.000Z']);
    expect(w.end.getTime() - w.start.getTime()).toBe(2 * 3_600_000);
    expect([intlWall(w.start, 'Europe/Zurich'), intlWall(w.end, 'Europe/Zurich')]).toEqual(['2026-03-29 01:30', '2026-03-29 04:30']);
  });

  it('open once, at the first occurrence, when their start happens twice (fall back)', () => {
    // Europe/Zurich, 2026-10-25: 03:00 CEST → 02:00 CET; 02:30 happens at 00:30Z (CEST) and again at 01:30Z (CET).
    expect(between(daily('02:30', 60), 'Europe/Zurich', '2026-10-24T00:00:00Z', '2026-10-27T00:00:00Z').map(span)).toEqual([
      ['2026-10-24T00:30:00.000Z', '2026-10-24T01:30:00.000Z'],
      ['2026-10-25T00:30:00.000Z', '2026-10-25T01:30:00.000Z'],
      ['2026-10-26T01:30:00.000Z', '2026-10-26T02:30:00.000Z'],
    ]);
    // Looking from between the two occurrences, the next window is the next day's.
    expect(next(daily('02:30', 30), 'Europe/Zurich', '2026-10-25T01:10:00Z')[0]).toBe('2026-10-26T01:30:00.000Z');
    // America/New_York, 2026-11-01: 01:30 is 05:30Z (EDT) and again 06:30Z (EST).
    expect(starts(between(daily('01:30', 60), 'America/New_York', '2026-10-31T00:00:00Z', '2026-11-03T00:00:00Z'))).toEqual([
      '2026-10-31T05:30:00.000Z',
      '2026-11-01T05:30:00.000Z',
      '2026-11-02T06:30:00.000Z',
    ]);
  });

  it('handle half-hour changes in the middle of a UTC hour (Lord Howe Island)', () => {
    // 02:15 is skipped on 2026-10-04 (02:00 → 02:30): it opens at the jump, 15:30Z.
    expect(starts(between(daily('02:15', 30), 'Australia/Lord_Howe', '2026-10-02T00:00:00Z', '2026-10-05T00:00:00Z'))).toEqual([
      '2026-10-02T15:45:00.000Z',
      '2026-10-03T15:30:00.000Z',
      '2026-10-04T15:15:00.000Z',
    ]);
    // 01:45 happens twice on 2026-04-05: at 14:45Z (+11), then 15:15Z (+1030); the window opens at the first.
    expect(starts(between(daily('01:45', 30), 'Australia/Lord_Howe', '2026-04-03T00:00:00Z', '2026-04-06T00:00:00Z'))).toEqual([
      '2026-04-03T14:45:00.000Z',
      '2026-04-04T14:45:00.000Z',
      '2026-04-05T15:15:00.000Z',
    ]);
    // Minute by minute through both changing hours, the wall clock agrees with Intl.
    for (const hourStart of ['2026-04-04T14:00:00Z', '2026-10-03T15:00:00Z']) {
      for (let m = 0; m <= 60; m++) {
        const at = new Date(Date.parse(hourStart) + m * 60_000);
        expect(new Date(wallClockOf(at.getTime(), 'Australia/Lord_Howe')).toISOString().slice(0, 16).replace('T', ' ')).toBe(intlWall(at, 'Australia/Lord_Howe'));
      }
    }
  });

  it('agree with Intl on the wall time of every start of 2026 in Zurich and New York (03:00 on the day 02:xx is skipped)', () => {
    for (const [zone, gapDay] of [['Europe/Zurich', '2026-03-29'], ['America/New_York', '2026-03-08']] as const) {
      const ws = between(daily('02:15', 30), zone, '2026-01-01T12:00:00Z', '2027-01-01T12:00:00Z');
      expect(ws).toHaveLength(365);
      for (const w of ws) {
        const wall = intlWall(w.start, zone);
        expect(wall.slice(11), wall).toBe(wall.startsWith(gapDay) ? '03:00' : '02:15');
        expect(w.end.getTime() - w.start.getTime()).toBe(30 * 60_000);
      }
      expect(new Set(ws.map((w) => intlWall(w.start, zone).slice(0, 10))).size).toBe(365);
    }
  });

  it('count a window in progress as the next one, until its end (exclusive)', () => {
    const r = daily('02:00', 120);
    expect(next(r, 'UTC', '2026-01-01T02:00:00Z')[0]).toBe('2026-01-01T02:00:00.000Z');
    expect(next(r, 'UTC', '2026-01-01T03:59:59.999Z')[0]).toBe('2026-01-01T02:00:00.000Z');
    expect(next(r, 'UTC', '2026-01-01T04:00:00Z')[0]).toBe('2026-01-02T02:00:00.000Z');
    expect(next(r, 'UTC', '2026-01-01T01:59:59Z')[0]).toBe('2026-01-01T02:00:00.000Z');
    // Answers are remembered, but each call gets its own dates.
    nextWindow(r, 'UTC', new Date('2026-01-01T01:59:59Z')).start.setTime(0);
    expect(next(r, 'UTC', '2026-01-01T01:59:59Z')[0]).toBe('2026-01-01T02:00:00.000Z');
    // In a zone: 02:00 Zurich in winter is 01:00Z, in progress at 02:30Z.
    expect(next(r, 'Europe/Zurich', '2026-01-10T02:30:00Z')).toEqual(['2026-01-10T01:00:00.000Z', '2026-01-10T03:00:00.000Z']);
  });
});

describe('windowsBetween', () => {
  it('lists the windows that overlap the span, in order, the one in progress first, at most `limit`', () => {
    const r = daily('02:00', 120);
    expect(starts(between(r, 'UTC', '2026-01-01T03:00:00Z', '2026-01-04T02:00:00Z'))).toEqual(['2026-01-01T02:00:00.000Z', '2026-01-02T02:00:00.000Z', '2026-01-03T02:00:00.000Z']);
    // The end is exclusive: a window starting at `to` is not listed; one that ended at `from` is not either.
    expect(starts(between(r, 'UTC', '2026-01-01T04:00:00Z', '2026-01-03T02:00:00.001Z'))).toEqual(['2026-01-02T02:00:00.000Z', '2026-01-03T02:00:00.000Z']);
    expect(starts(between(r, 'UTC', '2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z', 3))).toEqual(['2026-01-01T02:00:00.000Z', '2026-01-02T02:00:00.000Z', '2026-01-03T02:00:00.000Z']);
    expect(between(r, 'UTC', '2026-01-01T00:00:00Z', '2026-12-31T23:59:00Z')).toHaveLength(365);
    expect(between(r, 'UTC', '2026-01-01T05:00:00Z', '2026-01-02T01:00:00Z')).toEqual([]);
    const ws = between(cron('*/7 * * * *', 5), 'Europe/Zurich', '2026-10-24T22:00:00Z', '2026-10-25T04:00:00Z');
    for (let i = 1; i < ws.length; i++) expect(ws[i]!.start.getTime()).toBeGreaterThan(ws[i - 1]!.start.getTime());
  });
});

describe('weekly windows', () => {
  it('open on their days only, Mon and Thu at 22:30 for 90 min, ending after midnight', () => {
    // 2026-01-01 is a Thursday.
    expect(between(weekly(['mon', 'thu'], '22:30', 90), 'UTC', '2026-01-01T00:00:00Z', '2026-01-13T00:00:00Z').map(span)).toEqual([
      ['2026-01-01T22:30:00.000Z', '2026-01-02T00:00:00.000Z'],
      ['2026-01-05T22:30:00.000Z', '2026-01-06T00:00:00.000Z'],
      ['2026-01-08T22:30:00.000Z', '2026-01-09T00:00:00.000Z'],
      ['2026-01-12T22:30:00.000Z', '2026-01-13T00:00:00.000Z'],
    ]);
  });

  it('keep the days in week order, whatever order and case they were given in', () => {
    expect(weekly(['sun', 'thu', 'mon'], '03:00', 60)).toEqual({ kind: 'weekly', days: ['mon', 'thu', 'sun'], at: '03:00', minutes: 60 });
    expect(weekly(['Fri', 'TUE'], '03:00', 60)).toMatchObject({ days: ['tue', 'fri'] });
    const all = weekly(['sat', 'sun', 'mon', 'tue', 'wed', 'thu', 'fri'], '12:00', 60);
    expect(between(all, 'UTC', '2026-01-01T00:00:00Z', '2026-01-08T00:00:00Z')).toHaveLength(7);
    // Weekends only: 2026-01-03 and 04, then 10 and 11.
    expect(starts(between(weekly(['sat', 'sun'], '12:00', 60), 'UTC', '2026-01-01T00:00:00Z', '2026-01-12T00:00:00Z'))).toEqual([
      '2026-01-03T12:00:00.000Z',
      '2026-01-04T12:00:00.000Z',
      '2026-01-10T12:00:00.000Z',
      '2026-01-11T12:00:00.000Z',
    ]);
  });

  it('follow their zone across DST: Sundays at 02:30 in Zurich around both changes', () => {
    expect(starts(between(weekly(['sun'], '02:30', 60), 'Europe/Zurich', '2026-03-21T00:00:00Z', '2026-04-06T00:00:00Z'))).toEqual([
      '2026-03-22T01:30:00.000Z',
      '2026-03-29T01:00:00.000Z',
      '2026-04-05T00:30:00.000Z',
    ]);
    expect(starts(between(weekly(['mon', 'thu'], '22:30', 90), 'Europe/Zurich', '2026-03-26T00:00:00Z', '2026-03-31T00:00:00Z'))).toEqual(['2026-03-26T21:30:00.000Z', '2026-03-30T20:30:00.000Z']);
    expect(starts(between(weekly(['mon', 'thu'], '22:30', 90), 'Europe/Zurich', '2026-10-22T00:00:00Z', '2026-10-27T00:00:00Z'))).toEqual(['2026-10-22T20:30:00.000Z', '2026-10-26T21:30:00.000Z']);
    expect(starts(between(weekly(['sun'], '01:30', 60), 'America/New_York', '2026-10-24T00:00:00Z', '2026-11-09T00:00:00Z'))).toEqual([
      '2026-10-25T05:30:00.000Z',
      '2026-11-01T05:30:00.000Z',
      '2026-11-08T06:30:00.000Z',
    ]);
  });
});

describe('cron windows', () => {
  it('fire on the expression in the zone, with named days and ranges', () => {
    // 2026-01-01 is a Thursday: Thu, Fri, then Mon to Fri.
    expect(starts(between(cron('0 3 * * MON-FRI', 60), 'UTC', '2026-01-01T00:00:00Z', '2026-01-10T00:00:00Z'))).toEqual([
      '2026-01-01T03:00:00.000Z',
      '2026-01-02T03:00:00.000Z',
      '2026-01-05T03:00:00.000Z',
      '2026-01-06T03:00:00.000Z',
      '2026-01-07T03:00:00.000Z',
      '2026-01-08T03:00:00.000Z',
      '2026-01-09T03:00:00.000Z',
    ]);
    expect(starts(between(cron('30 22 * * mon,thu', 90), 'UTC', '2026-01-01T00:00:00Z', '2026-01-09T00:00:00Z'))).toEqual(
      starts(between(weekly(['mon', 'thu'], '22:30', 90), 'UTC', '2026-01-01T00:00:00Z', '2026-01-09T00:00:00Z')),
    );
    // Sunday as 0 and as 7, and the last day of the month (L).
    expect(starts(between(cron('0 4 * * 0', 60), 'UTC', '2026-01-01T00:00:00Z', '2026-01-12T00:00:00Z'))).toEqual(['2026-01-04T04:00:00.000Z', '2026-01-11T04:00:00.000Z']);
    expect(starts(between(cron('0 4 * * 7', 60), 'UTC', '2026-01-01T00:00:00Z', '2026-01-12T00:00:00Z'))).toEqual(['2026-01-04T04:00:00.000Z', '2026-01-11T04:00:00.000Z']);
    expect(starts(between(cron('0 1 L * *', 60), 'UTC', '2026-01-15T00:00:00Z', '2026-04-01T00:00:00Z'))).toEqual(['2026-01-31T01:00:00.000Z', '2026-02-28T01:00:00.000Z', '2026-03-31T01:00:00.000Z']);
  });

  it('read the wall clock of the zone, with the same DST rules as daily windows', () => {
    const weekdays0230 = cron('30 2 * * 1-5', 60);
    expect(next(weekdays0230, 'Europe/Zurich', '2026-01-15T00:00:00Z')[0]).toBe('2026-01-15T01:30:00.000Z');
    // Every day at 02:30: the same instants as the daily rule, across both changes.
    for (const [from, to] of [['2026-03-27T00:00:00Z', '2026-04-01T00:00:00Z'], ['2026-10-23T00:00:00Z', '2026-10-28T00:00:00Z']] as const) {
      expect(between(cron('30 2 * * *', 60), 'Europe/Zurich', from, to).map(span)).toEqual(between(daily('02:30', 60), 'Europe/Zurich', from, to).map(span));
    }
    // Every 30 minutes on the spring-forward night: 02:00 and 02:30 are skipped and open with 03:00 at the jump, once.
    expect(starts(between(cron('*/30 * * * *', 10), 'Europe/Zurich', '2026-03-29T00:00:00Z', '2026-03-29T02:00:00Z'))).toEqual([
      '2026-03-29T00:00:00.000Z',
      '2026-03-29T00:30:00.000Z',
      '2026-03-29T01:00:00.000Z',
      '2026-03-29T01:30:00.000Z',
    ]);
    // On the fall-back night the repeated hour opens no second set of windows: 02:00 and 02:30 CEST, then 03:00 CET.
    expect(starts(between(cron('*/30 * * * *', 10), 'Europe/Zurich', '2026-10-24T23:50:00Z', '2026-10-25T02:10:00Z'))).toEqual([
      '2026-10-25T00:00:00.000Z',
      '2026-10-25T00:30:00.000Z',
      '2026-10-25T02:00:00.000Z',
    ]);
  });

  it('normalize the spacing of the expression', () => {
    expect(cron('  30  2 * *   1-5 ', 60)).toEqual({ kind: 'cron', expression: '30 2 * * 1-5', minutes: 60 });
  });

  it('keep finding windows for rare but regular expressions, years ahead', () => {
    const yearly = cron('0 0 1 1 *', 60);
    expect(next(yearly, 'UTC', '2026-01-01T01:00:00Z')[0]).toBe('2027-01-01T00:00:00.000Z');
    expect(next(yearly, 'UTC', '2099-06-01T00:00:00Z')[0]).toBe('2100-01-01T00:00:00.000Z');
    // The fourth Monday of February: every year. (2026-02-23 and 2027-02-22 are Mondays.)
    expect(starts(between(cron('0 2 * 2 1#4', 60), 'UTC', '2026-01-01T00:00:00Z', '2028-01-01T00:00:00Z'))).toEqual(['2026-02-23T02:00:00.000Z', '2027-02-22T02:00:00.000Z']);
  });
});

describe('bad rules', () => {
  const refused = (input: RuleInput) => {
    try {
      validateRule(input, 'patchWindow');
    } catch (err) {
      return { message: (err as Error).message, code: (err as { code?: string }).code, details: (err as { details?: unknown }).details };
    }
    throw new Error(`accepted ${JSON.stringify(input)}`);
  };

  it('refuses a window of 0 minutes or over 7 days, naming the field', () => {
    expect(refused({ kind: 'daily', at: '02:00', minutes: 0 })).toEqual({
      code: 'unprocessable',
      message: 'patchWindow.minutes: a window lasts 1 minute to 7 days (1..10080 minutes), got 0',
      details: { field: 'patchWindow.minutes' },
    });
    expect(refused({ kind: 'daily', at: '02:00', minutes: 7 * 24 * 60 + 1 }).message).toMatch(/^patchWindow\.minutes: a window lasts 1 minute to 7 days .*got 10081$/);
    expect(refused({ kind: 'daily', at: '02:00', minutes: -5 }).message).toMatch(/got -5$/);
    expect(refused({ kind: 'daily', at: '02:00', minutes: 1.5 }).message).toMatch(/got 1\.5$/);
    expect(refused({ kind: 'daily', at: '02:00' }).message).toMatch(/got null$/);
    // Exactly seven days, and one minute, are windows.
    expect(daily('02:00', 7 * 24 * 60).minutes).toBe(10080);
    expect(daily('02:00', 1).minutes).toBe(1);
  });

  it('refuses a cron expression that never fires, or only on 29 February, or too rarely to come once a year', () => {
    expect(refused({ kind: 'cron', expression: '0 0 30 2 *', minutes: 60 })).toMatchObject({
      message: 'patchWindow.expression: "0 0 30 2 *" never fires: a window must come at least once a year',
      details: { field: 'patchWindow.expression' },
    });
    expect(refused({ kind: 'cron', expression: '0 0 31 4,6,9,11 *', minutes: 60 }).message).toMatch(/never fires/);
    expect(refused({ kind: 'cron', expression: '0 0 29 2 *', minutes: 60 }).message).toMatch(/^patchWindow\.expression: "0 0 29 2 \*" fires too rarely: no start in the 400 days after 2025-03-01; a window must come at least once a year$/);
    // A fifth Monday in March: 2025, 2026 and 2027, then not before 2031.
    expect(refused({ kind: 'cron', expression: '0 0 * 3 1#5', minutes: 60 }).message).toMatch(/fires too rarely: no start in the 400 days after 2027-03-29/);
  });

  it('refuses H values, and expressions without five fields or with values out of range', () => {
    expect(refused({ kind: 'cron', expression: 'H 2 * * *', minutes: 60 }).message).toBe('patchWindow.expression: H (hashed) values are not supported, got "H 2 * * *"');
    expect(refused({ kind: 'cron', expression: '0 1-H * * *', minutes: 60 }).message).toMatch(/H \(hashed\) values are not supported/);
    expect(refused({ kind: 'cron', expression: 'H/15 * * * *', minutes: 60 }).message).toMatch(/H \(hashed\)/);
    expect(refused({ kind: 'cron', expression: '30 2 * *', minutes: 60 }).message).toBe('patchWindow.expression: expected five fields (minute hour day-of-month month day-of-week), got "30 2 * *"');
    expect(refused({ kind: 'cron', expression: '0 30 2 * * 1', minutes: 60 }).message).toMatch(/expected five fields/);
    expect(refused({ kind: 'cron', minutes: 60 }).message).toMatch(/expected five fields .*got ""/);
    expect(refused({ kind: 'cron', expression: '@daily', minutes: 60 }).message).toMatch(/expected five fields/);
    expect(refused({ kind: 'cron', expression: '60 2 * * *', minutes: 60 }).message).toMatch(/^patchWindow\.expression: not a cron expression: "60 2 \* \* \*"/);
    expect(refused({ kind: 'cron', expression: '0 0 * * 8', minutes: 60 }).message).toMatch(/not a cron expression/);
    // Thursday's h is a letter of its name, not a hashed value.
    expect(cron('0 3 * * thu', 60)).toMatchObject({ expression: '0 3 * * thu' });
  });

  it('refuses bad times, days and kinds', () => {
    expect(refused({ kind: 'daily', at: '24:00', minutes: 60 })).toMatchObject({ message: 'patchWindow.at: expected a time HH:MM from 00:00 to 23:59, got "24:00"', details: { field: 'patchWindow.at' } });
    expect(refused({ kind: 'daily', at: '2:00', minutes: 60 }).message).toMatch(/patchWindow\.at: expected a time HH:MM/);
    expect(refused({ kind: 'daily', minutes: 60 }).message).toMatch(/got null$/);
    expect(refused({ kind: 'weekly', days: [], at: '02:00', minutes: 60 }).message).toBe('patchWindow.days: expected one or more of mon, tue, wed, thu, fri, sat, sun');
    expect(refused({ kind: 'weekly', days: ['mon', 'funday'], at: '02:00', minutes: 60 }).message).toMatch(/patchWindow\.days: expected days among .*got "funday"/);
    expect(refused({ kind: 'weekly', days: ['mon', 'mon'], at: '02:00', minutes: 60 }).message).toBe('patchWindow.days: mon is named twice');
    expect(refused({ kind: 'hourly', minutes: 60 })).toMatchObject({ message: 'patchWindow.kind: expected daily, weekly or cron, got "hourly"', details: { field: 'patchWindow.kind' } });
  });
});

describe('time zones', () => {
  it('accepts UTC and IANA names, in their canonical spelling', () => {
    expect(validateTimeZone('UTC')).toBe('UTC');
    expect(validateTimeZone('Europe/Zurich')).toBe('Europe/Zurich');
    expect(validateTimeZone('america/new_york')).toBe('America/New_York');
    expect(validateTimeZone(' Europe/Zurich ')).toBe('Europe/Zurich');
  });

  it('refuses unknown zones and fixed offsets, naming the field', () => {
    const refused = (zone: unknown) => {
      try {
        validateTimeZone(zone);
      } catch (err) {
        return (err as Error).message;
      }
      throw new Error(`accepted ${String(zone)}`);
    };
    expect(refused('Mars/Olympus')).toBe('timeZone: unknown time zone "Mars/Olympus": expected UTC or an IANA name like Europe/Zurich');
    expect(refused('+01:00')).toMatch(/^timeZone: unknown time zone "\+01:00"/);
    expect(refused('')).toMatch(/^timeZone: unknown time zone ""/);
    expect(refused(undefined)).toMatch(/^timeZone: unknown time zone null/);
  });
});

describe('local time', () => {
  const wall = (text: string) => Date.parse(`${text}Z`);
  it('maps wall times to instants: gaps to the jump, repeats to the first occurrence, and back', () => {
    expect(new Date(instantOf(wall('2026-03-29T02:30:00'), 'Europe/Zurich')).toISOString()).toBe('2026-03-29T01:00:00.000Z');
    expect(new Date(instantOf(wall('2026-03-29T02:00:00'), 'Europe/Zurich')).toISOString()).toBe('2026-03-29T01:00:00.000Z');
    expect(new Date(instantOf(wall('2026-03-29T01:59:00'), 'Europe/Zurich')).toISOString()).toBe('2026-03-29T00:59:00.000Z');
    expect(new Date(instantOf(wall('2026-10-25T02:30:00'), 'Europe/Zurich')).toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(new Date(instantOf(wall('2026-10-25T03:00:00'), 'Europe/Zurich')).toISOString()).toBe('2026-10-25T02:00:00.000Z');
    expect(new Date(instantOf(wall('2026-03-08T02:30:00'), 'America/New_York')).toISOString()).toBe('2026-03-08T07:00:00.000Z');
    expect(new Date(instantOf(wall('2026-11-01T01:30:00'), 'America/New_York')).toISOString()).toBe('2026-11-01T05:30:00.000Z');
    // The second 01:30 in New York (EST) reads 01:30 on the wall.
    expect(new Date(wallClockOf(Date.parse('2026-11-01T06:30:00Z'), 'America/New_York')).toISOString()).toBe('2026-11-01T01:30:00.000Z');
  });
});
