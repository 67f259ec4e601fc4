import { withQuery } from '../core/api';

const hour = 3_600_000;

export const spreadRanges = [
  { value: '24h', label: 'Last 24 hours', ms: 24 * hour },
  { value: '7d', label: 'Last 7 days', ms: 7 * 24 * hour },
  { value: '30d', label: 'Last 30 days', ms: 30 * 24 * hour },
];

/** A range chosen at a moment: `from` is fixed then, so re-rendering does not ask the server again. */
export interface ChosenRange {
  /** '' for all time: from the app's first report. */
  value: string;
  from?: string;
}

export function chooseRange(value: string, now = Date.now()): ChosenRange {
  const range = spreadRanges.find((r) => r.value === value);
  return range ? { value, from: new Date(now - range.ms).toISOString() } : { value: '' };
}

export const spreadPoints = 30;

export const spreadApiPath = (appId: string, range: ChosenRange): string =>
  withQuery(`/apps/${encodeURIComponent(appId)}/spread`, { from: range.from, points: spreadPoints });
