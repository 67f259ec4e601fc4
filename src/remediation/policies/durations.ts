// Durations of windows and deadlines, written as people write them ("90m", "2h", "1.5h", "2d") and kept in whole
// minutes: windows are calendar times, and nothing about them is finer than a minute.
import { parseDuration } from '../../core/duration.js';
import { unprocessable } from '../../core/errors.js';

const minute = 60_000;

/** Whole minutes from text like 90m, 2h or 2d; "0" is zero where `min` allows it. */
export function parseMinutes(text: string, field: string, min: number, max: number): number {
  let ms: number;
  if (/^\s*0+(\.0+)?\s*(ms|s|m|h|d)?\s*$/.test(text)) ms = 0;
  else {
    try {
      ms = parseDuration(text, field);
    } catch (err) {
      throw unprocessable((err as Error).message, { field });
    }
  }
  if (ms % minute !== 0) throw unprocessable(`${field}: expected whole minutes, got ${JSON.stringify(text)}`, { field });
  const minutes = ms / minute;
  if (minutes < min || minutes > max) throw unprocessable(`${field}: expected ${durationText(min)} to ${durationText(max)}, got ${JSON.stringify(text)}`, { field });
  return minutes;
}

/** The shortest way to write whole minutes: 2d, 36h, 90m. */
export function durationText(minutes: number): string {
  if (minutes > 0 && minutes % 1440 === 0) return `${minutes / 1440}d`;
  if (minutes > 0 && minutes % 60 === 0) return `${minutes / 60}h`;
  return `${minutes}m`;
}
