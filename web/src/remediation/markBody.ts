import type { MarkState } from './types';

/** The end of the day `date` (YYYY-MM-DD) on the viewer's clock, as an instant: an expiry "on 31 March" lasts all of it. */
export function endOfDay(date: string): string | undefined {
  if (!date) return undefined;
  const end = new Date(`${date}T23:59:59`);
  return Number.isNaN(end.getTime()) ? undefined : end.toISOString();
}

export interface MarkFields {
  state: MarkState;
  justification: string;
  /** YYYY-MM-DD, or empty for no expiry. */
  expires: string;
}

export const markBody = (advisory: string, f: MarkFields) => ({
  advisory,
  state: f.state,
  justification: f.justification.trim(),
  ...(f.expires ? { expiresAt: endOfDay(f.expires) } : {}),
});

export const hostsText = (n: number): string => `${n} ${n === 1 ? 'host' : 'hosts'}`;
