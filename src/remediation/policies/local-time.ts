// Wall-clock times in a named time zone and the instants they name. Offsets come from the platform's time zone
// database (Intl); what a wall time means when clocks change is decided here, once, for every window rule:
// - a wall time the clocks jump over (spring forward) names the first instant after the gap, the moment of the jump:
//   02:30 on Europe/Zurich's spring-forward day is 03:00 CEST, as cron runs a job whose time was skipped;
// - a wall time that happens twice (fall back) names its first occurrence: 02:30 CEST, not 02:30 CET.
// Both keep wall times → instants non-decreasing, so times listed in wall-clock order stay in time order.
//
// A wall time is carried as "floating" milliseconds: Date.UTC of its fields, so that calendar arithmetic on it (and
// cron matching in UTC) never meets a DST change.

const day = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall clock in `timeZone` at an instant, as floating milliseconds. */
export function wallClockOf(instant: number, timeZone: string): number {
  return instant + offsetAt(instant, timeZone);
}

function formattedWallClock(instant: number, timeZone: string): number {
  const fields: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  const ms = ((instant % 1000) + 1000) % 1000;
  return Date.UTC(fields.year!, fields.month! - 1, fields.day!, fields.hour!, fields.minute!, fields.second!) + ms;
}

// Asking Intl costs microseconds, and reports ask for thousands of hosts' windows: offsets are kept per zone and
// clock hour, for the hours whose first and last millisecond have the same offset (no zone changes its clocks twice
// within an hour, so the whole hour has it). An hour with a change in it is asked of Intl instant by instant.
const hour = 3_600_000;
const maxCachedHours = 200_000;
const hourOffsets = new Map<string, Map<number, number | null>>();

function offsetAt(instant: number, timeZone: string): number {
  if (timeZone === 'UTC') return 0;
  let hours = hourOffsets.get(timeZone);
  if (!hours) hourOffsets.set(timeZone, (hours = new Map()));
  const bucket = Math.floor(instant / hour);
  let offset = hours.get(bucket);
  if (offset === undefined) {
    const first = formattedWallClock(bucket * hour, timeZone) - bucket * hour;
    const last = formattedWallClock((bucket + 1) * hour - 1, timeZone) - ((bucket + 1) * hour - 1);
    offset = first === last ? first : null;
    if (hours.size >= maxCachedHours) hours.clear();
    hours.set(bucket, offset);
  }
  return offset ?? formattedWallClock(instant, timeZone) - instant;
}

/** The instant a wall time names in `timeZone` (see the top of this file for gaps and repeats). */
export function instantOf(wall: number, timeZone: string): number {
  // Offsets a day either side: no zone changes its clocks twice within two days.
  const before = offsetAt(wall - day, timeZone);
  const after = offsetAt(wall + day, timeZone);
  if (before === after) return wall - before;
  const candidates = [wall - before, wall - after].filter((t) => wallClockOf(t, timeZone) === wall);
  if (candidates.length > 0) return Math.min(...candidates);
  // In a gap: the clocks jumped forward between `wall - after` (still before the gap) and `wall - before` (past it);
  // the first instant whose wall clock is past `wall` is the jump.
  let lo = wall - after;
  let hi = wall - before;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (wallClockOf(mid, timeZone) > wall) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** The time zone's canonical name, or undefined when the platform does not know it. `UTC` is known. */
export function canonicalTimeZone(name: string): string | undefined {
  // Fixed offsets ("+01:00") are not time zones: they keep no DST rules, which is what a policy's zone is for.
  if (!/^[A-Za-z]/.test(name)) return undefined;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}
