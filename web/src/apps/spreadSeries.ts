// What the spread chart draws: one series per version, each with its colour and its host count at every point.
import { utcTime } from '../core/time';
import type { Spread } from './types';

// Okabe–Ito colours: told apart with the common colour vision deficiencies, readable on light and dark backgrounds.
const palette = ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00', '#f0e442'];
const otherColour = '#8c8c8c';

export interface Series {
  label: string;
  colour: string;
  /** Hosts at each point of the spread. */
  values: number[];
}

/** The most widespread versions get their own colour; beyond what the palette tells apart, the rest are summed. */
export function spreadSeries(spread: Spread): Series[] {
  const own = spread.versions.length <= palette.length ? spread.versions : spread.versions.slice(0, palette.length - 1);
  const rest = spread.versions.slice(own.length);
  const hostsOf = (versions: string[]) => spread.points.map((p) => versions.reduce((n, ver) => n + (p.hosts[ver] ?? 0), 0));
  const series = own.map((ver, i) => ({ label: ver, colour: palette[i]!, values: hostsOf([ver]) }));
  // A host running two of these versions (in two instances) counts twice here, as it does in the versions table.
  if (rest.length > 0) series.push({ label: `${rest.length} other versions`, colour: otherColour, values: hostsOf(rest) });
  return series;
}

/** The chart's text equivalent in one sentence: the range, and how the versions stood at its end. */
export function describeSpread(appName: string, spread: Spread, series: Series[]): string {
  const last = spread.points.length - 1;
  const atEnd = series.filter((s) => (s.values[last] ?? 0) > 0).map((s) => `${s.label} on ${s.values[last]}`);
  return `Hosts running each version of ${appName}, ${utcTime(spread.from)} to ${utcTime(spread.to)}; at the end: ${atEnd.join(', ') || 'none'}`;
}
