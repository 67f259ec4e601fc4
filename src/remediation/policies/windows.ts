// Window rules: when a policy's hosts may patch or reboot. A rule is a calendar rule read in the policy's time zone —
// daily at a time, on some weekdays at a time, or a cron expression — and a length in minutes.
//
// How a rule becomes windows: first its wall-clock start times, on floating wall times (see local-time.ts) where no
// clock ever changes — calendar arithmetic for daily and weekly rules, cron-parser matching in UTC for cron
// expressions; then local-time.ts turns each into an instant with the DST rules written there (a start in a
// spring-forward gap opens at the jump, a repeated start opens at its first occurrence), the same for every kind.
// A window lasts its minutes of elapsed time: a 2 h window opening at 01:30 on a spring-forward day closes at 04:30.
import { CronExpression, CronExpressionParser, type CronFieldCollection } from 'cron-parser';
import { unprocessable } from '../../core/errors.js';
import { canonicalTimeZone, instantOf, wallClockOf } from './local-time.js';

export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof weekdays)[number];

export type WindowRule =
  | { kind: 'daily'; at: string; minutes: number }
  | { kind: 'weekly'; days: Weekday[]; at: string; minutes: number }
  | { kind: 'cron'; expression: string; minutes: number };

/** A rule as callers send it (API bodies, parsed CLI text), before validation. */
export interface RuleInput {
  kind: string;
  at?: string;
  days?: string[];
  expression?: string;
  minutes?: number;
}

/** Instants (UTC): from `start` inclusive to `end` exclusive. */
export interface Window {
  start: Date;
  end: Date;
}

export const minWindowMinutes = 1;
/** Seven days: a window longer than a week would overlap the next week's. */
export const maxWindowMinutes = 7 * 24 * 60;
/**
 * A rule must leave no more than about this many days without a window (see `cronFields`): a window comes at least
 * once a year. Searches for a next window look twice as far, so they always find one for a validated rule.
 */
const horizonDays = 400;
const searchDays = 2 * horizonDays;
/** The Gregorian calendar's weekdays and leap years repeat every 28 years (from 1901 to 2099). */
const calendarCycleYears = 28;
/** Steps of the sweep that checks a cron expression's gaps over one calendar cycle. */
const sweepStepDays = 30;
const day = 86_400_000;
const minute = 60_000;

// ---- validation ----

/** The rule, checked and normalized (days in week order); errors name `field` and what was expected. */
export function validateRule(input: RuleInput, field: string): WindowRule {
  const minutes = input.minutes;
  if (typeof minutes !== 'number' || !Number.isInteger(minutes) || minutes < minWindowMinutes || minutes > maxWindowMinutes) {
    throw invalid(field, 'minutes', `a window lasts 1 minute to 7 days (${minWindowMinutes}..${maxWindowMinutes} minutes), got ${JSON.stringify(minutes ?? null)}`);
  }
  switch (input.kind) {
    case 'daily':
      return { kind: 'daily', at: validAt(input.at, field), minutes };
    case 'weekly':
      return { kind: 'weekly', days: validDays(input.days, field), at: validAt(input.at, field), minutes };
    case 'cron': {
      const expression = (input.expression ?? '').trim().replace(/\s+/g, ' ');
      cronFields(expression, field);
      return { kind: 'cron', expression, minutes };
    }
    default:
      throw invalid(field, 'kind', `expected daily, weekly or cron, got ${JSON.stringify(input.kind)}`);
  }
}

function invalid(field: string, part: string, message: string) {
  return unprocessable(`${field}.${part}: ${message}`, { field: `${field}.${part}` });
}

function validAt(at: string | undefined, field: string): string {
  if (typeof at !== 'string' || !/^([01]\d|2[0-3]):[0-5]\d$/.test(at)) throw invalid(field, 'at', `expected a time HH:MM from 00:00 to 23:59, got ${JSON.stringify(at ?? null)}`);
  return at;
}

function validDays(days: string[] | undefined, field: string): Weekday[] {
  if (!Array.isArray(days) || days.length === 0) throw invalid(field, 'days', `expected one or more of ${weekdays.join(', ')}`);
  const seen = new Set<string>();
  for (const given of days) {
    const d = typeof given === 'string' ? given.trim().toLowerCase() : given;
    if (!(weekdays as readonly string[]).includes(d)) throw invalid(field, 'days', `expected days among ${weekdays.join(', ')}, got ${JSON.stringify(d)}`);
    if (seen.has(d)) throw invalid(field, 'days', `${d} is named twice`);
    seen.add(d);
  }
  return weekdays.filter((d) => seen.has(d));
}

/** The zone's canonical name (UTC, or an IANA name such as Europe/Zurich); errors name `field`. */
export function validateTimeZone(name: unknown, field = 'timeZone'): string {
  const zone = typeof name === 'string' ? canonicalTimeZone(name.trim()) : undefined;
  if (!zone) throw unprocessable(`${field}: unknown time zone ${JSON.stringify(name ?? null)}: expected UTC or an IANA name like Europe/Zurich`, { field });
  return zone;
}

// ---- cron ----

const cronCache = new Map<string, CronFieldCollection>();
const maxCached = 1000;

/**
 * The parsed fields of a standard five-field expression (minute hour day-of-month month day-of-week; names, and
 * cron-parser's L and # allowed) that comes at least once a year: swept over a whole 28-year calendar cycle from
 * 1 March 2025, it never leaves about 400 days without a start. So an expression that never fires is refused, and so
 * is one firing only on 29 February or only in the years when March has five Mondays: their hosts would wait years.
 */
function cronFields(expression: string, field: string): CronFieldCollection {
  const cached = cronCache.get(expression);
  if (cached) return cached;
  const parts = expression.split(' ');
  if (expression === '' || parts.length !== 5) {
    throw invalid(field, 'expression', `expected five fields (minute hour day-of-month month day-of-week), got ${JSON.stringify(expression)}`);
  }
  // cron-parser's H picks a pseudo-random value; a window must be the same wherever it is computed. (An h inside a
  // name, as in thu, is a letter of the name.)
  if (/(^|[^a-z])h/i.test(expression)) throw invalid(field, 'expression', `H (hashed) values are not supported, got ${JSON.stringify(expression)}`);
  let fields: CronFieldCollection;
  try {
    fields = CronExpressionParser.parse(expression, { tz: 'UTC' }).fields;
  } catch (err) {
    const message = (err as Error).message;
    // cron-parser refuses a day that the named months never have (30 February) as it parses.
    if (/invalid explicit day of month/i.test(message)) throw neverFires(field, expression);
    throw invalid(field, 'expression', `not a cron expression: ${JSON.stringify(expression)} (${message})`);
  }
  const from = Date.UTC(2025, 2, 1);
  const cycleEnd = Date.UTC(2025 + calendarCycleYears, 2, 1);
  // From each point, a start within the horizon; the next point is that start, or a step on when starts are dense.
  // So no gap between starts is longer than the horizon plus a step.
  for (let t = from; t < cycleEnd; ) {
    const start = firstStart(fields, t, t + horizonDays * day);
    if (start === undefined) {
      if (firstStart(fields, from, cycleEnd + horizonDays * day) === undefined) throw neverFires(field, expression);
      throw invalid(
        field,
        'expression',
        `${JSON.stringify(expression)} fires too rarely: no start in the ${horizonDays} days after ${new Date(t).toISOString().slice(0, 10)}; a window must come at least once a year`,
      );
    }
    t = Math.max(start, t + sweepStepDays * day);
  }
  if (cronCache.size >= maxCached) cronCache.clear();
  cronCache.set(expression, fields);
  return fields;
}

const neverFires = (field: string, expression: string) => invalid(field, 'expression', `${JSON.stringify(expression)} never fires: a window must come at least once a year`);

/** The first wall-clock start strictly after `after`, before `until` (floating milliseconds), if any. */
function firstStart(fields: CronFieldCollection, after: number, until: number): number | undefined {
  const first = wallStarts(fields, after, until).next();
  return first.done ? undefined : first.value;
}

function* wallStarts(fields: CronFieldCollection, after: number, until: number): Generator<number> {
  const cron = CronExpression.fieldsToExpression(fields, { tz: 'UTC', currentDate: new Date(after), endDate: new Date(until) });
  for (;;) {
    let next: number;
    try {
      next = cron.next().getTime();
    } catch {
      return; // past `until` (cron-parser says so by throwing)
    }
    yield next;
  }
}

/** Wall-clock starts of a daily or weekly rule strictly after `after`, up to `until` (floating milliseconds). */
function* dailyStarts(rule: Extract<WindowRule, { at: string }>, after: number, until: number): Generator<number> {
  const [hour, min] = rule.at.split(':').map(Number) as [number, number];
  const days = rule.kind === 'weekly' ? new Set(rule.days) : undefined;
  for (let midnight = Math.floor(after / day) * day; midnight <= until; midnight += day) {
    const start = midnight + (hour * 60 + min) * minute;
    // getUTCDay counts from Sunday; weekdays from Monday.
    if (start > after && start <= until && (!days || days.has(weekdays[(new Date(midnight).getUTCDay() + 6) % 7]!))) yield start;
  }
}

const wallStartsOf = (rule: WindowRule, after: number, until: number) =>
  rule.kind === 'cron' ? wallStarts(cronFields(rule.expression, 'rule'), after, until) : dailyStarts(rule, after, until);

// ---- windows ----

/** Start instants of the rule's windows strictly after `after` and up to about `until` (epoch ms), in order, each once. */
function* startsAfter(rule: WindowRule, timeZone: string, after: number, until: number): Generator<number> {
  // No wall time before the wall clock at `after` names an instant after it (the mapping never goes back), so the
  // search starts at that wall clock's minute.
  const from = Math.floor(wallClockOf(after, timeZone) / minute) * minute - 1;
  let last = -Infinity;
  for (const wall of wallStartsOf(rule, from, wallClockOf(until, timeZone) + day)) {
    const start = instantOf(wall, timeZone);
    // Starts in one gap all open at the jump: one window.
    if (start <= after || start === last) continue;
    last = start;
    yield start;
  }
}

const windowAt = (start: number, rule: WindowRule): Window => ({ start: new Date(start), end: new Date(start + rule.minutes * minute) });

// Reports ask for the next window of thousands of hosts' exposures, again on every request, and mostly the same
// ones: answers are kept (a window is a pure function of the rule, the zone and the instant asked about).
const nextStarts = new Map<string, number>();
const maxRemembered = 50_000;

/** The first window whose end is after `after` — one in progress at `after` counts. */
export function nextWindow(rule: WindowRule, timeZone: string, after: Date): Window {
  const key = `${ruleKey(rule)}\u0000${timeZone}\u0000${after.getTime()}`;
  let start = nextStarts.get(key);
  if (start === undefined) {
    // Windows all last the same, so the first to end after `after` is the first to start after `after - length`.
    const from = after.getTime() - rule.minutes * minute;
    const first = startsAfter(rule, timeZone, from, from + searchDays * day).next();
    // Validated rules leave no gap of more than about 430 days; a stored rule that does is a bug, not bad input.
    if (first.done) throw new Error(`rule ${JSON.stringify(rule)} has no window within ${searchDays} days of ${after.toISOString()}`);
    start = first.value;
    if (nextStarts.size >= maxRemembered) nextStarts.clear();
    nextStarts.set(key, start);
  }
  return windowAt(start, rule);
}

function ruleKey(rule: WindowRule): string {
  switch (rule.kind) {
    case 'daily':
      return `daily ${rule.at} ${rule.minutes}`;
    case 'weekly':
      return `weekly ${rule.days.join(',')} ${rule.at} ${rule.minutes}`;
    case 'cron':
      return `cron ${rule.expression} ${rule.minutes}`;
  }
}

/** The windows that overlap [from, to), in order, at most `limit` of them. */
export function windowsBetween(rule: WindowRule, timeZone: string, from: Date, to: Date, limit = 500): Window[] {
  const out: Window[] = [];
  for (const start of startsAfter(rule, timeZone, from.getTime() - rule.minutes * minute, to.getTime())) {
    if (start >= to.getTime() || out.length >= limit) break;
    out.push(windowAt(start, rule));
  }
  return out;
}
