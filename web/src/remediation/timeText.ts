// Times of windows and marks. Tables for staff speak UTC, like the rest of Steward; windows are also shown in the
// policy's own time zone (where the hosts are) and in the viewer's.

/** "2026-12-03 04:00 UTC": to the minute, which is as fine as windows and marks go. */
export function shortUtc(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** The viewer's time zone, as the browser knows it. */
export const viewerTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

const formats = new Map<string, { day: Intl.DateTimeFormat; time: Intl.DateTimeFormat }>();

function formatsFor(timeZone: string) {
  let f = formats.get(timeZone);
  if (!f) {
    f = {
      day: new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' }),
      time: new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }),
    };
    formats.set(timeZone, f);
  }
  return f;
}

/** "Tue, 3 Mar 2026, 22:30": a moment as the clock on the wall in `timeZone` shows it. */
export function wallTime(iso: string, timeZone: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const f = formatsFor(timeZone);
  return `${f.day.format(date)}, ${f.time.format(date)}`;
}

/** "Tue, 3 Mar 2026, 22:30–00:00" or, across days, "Tue, 3 Mar 2026, 22:30 – Wed, 4 Mar 2026, 01:00". */
export function wallRange(start: string, end: string, timeZone: string): string {
  const s = new Date(start);
  const e = new Date(end);
  if (Number.isNaN(s.getTime()) || Number.isNaN(e.getTime())) return `${start} – ${end}`;
  const f = formatsFor(timeZone);
  // A window ending at midnight reads as "22:30–00:00" on its start day rather than spilling into the next.
  const sameDay = f.day.format(s) === f.day.format(new Date(e.getTime() - 1));
  return sameDay ? `${f.day.format(s)}, ${f.time.format(s)}–${f.time.format(e)}` : `${wallTime(start, timeZone)} – ${wallTime(end, timeZone)}`;
}

/** "2 Mar 2026": a day, for readers who do not need the minute. */
export function plainDate(iso: string, timeZone = viewerTimeZone()): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat('en-GB', { timeZone, day: 'numeric', month: 'long', year: 'numeric' }).format(date);
}
