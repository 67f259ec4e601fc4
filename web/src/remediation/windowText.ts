// Policies in words, for people: "daily at 02:00 for 2 h, Europe/Zurich", "Mon and Thu at 22:30 for 90 min".
import type { Installs, Policy, Weekday, WindowRule } from './types';

const dayNames: Record<Weekday, string> = { mon: 'Mon', tue: 'Tue', wed: 'Wed', thu: 'Thu', fri: 'Fri', sat: 'Sat', sun: 'Sun' };

/** "90 min", "2 h", "2 h 30 min", "3 days". */
export function minutesText(minutes: number): string {
  if (minutes > 0 && minutes % 1440 === 0) return minutes === 1440 ? '1 day' : `${minutes / 1440} days`;
  if (minutes > 0 && minutes % 60 === 0) return `${minutes / 60} h`;
  if (minutes <= 120) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** "Mon", "Mon and Thu", "Mon, Wed and Fri". */
export function daysText(days: readonly Weekday[]): string {
  const names = days.map((d) => dayNames[d]);
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/** A window rule in words, without its time zone. */
export function ruleText(rule: WindowRule): string {
  const length = `for ${minutesText(rule.minutes)}`;
  switch (rule.kind) {
    case 'daily':
      return `daily at ${rule.at} ${length}`;
    case 'weekly':
      return rule.days.length === 7 ? `daily at ${rule.at} ${length}` : `${daysText(rule.days)} at ${rule.at} ${length}`;
    case 'cron':
      return `whenever “${rule.expression}” (cron) fires, ${length}`;
  }
}

/** A window rule in words with the zone its clock times are in: "daily at 02:00 for 2 h, Europe/Zurich". */
export const windowText = (rule: WindowRule | null, timeZone: string): string => (rule ? `${ruleText(rule)}, ${timeZone}` : 'none');

export const installsText: Record<Installs, string> = {
  security: 'security updates only',
  all: 'all updates',
};

export const modeText = (mode: Policy['mode']): string =>
  mode === 'automatic' ? 'automatic: hosts patch and reboot on their own in the windows' : 'manual: patched by hand (the windows are the agreed maintenance times)';

/** "1 day after the patch window ends", "at the end of the patch window". */
export function deadlineText(deadlineMs: number): string {
  const minutes = Math.round(deadlineMs / 60_000);
  return minutes === 0 ? 'at the end of the patch window' : `${minutesText(minutes)} after the patch window ends`;
}

/** "Acme", "Acme, tag db". */
export const assignmentText = (a: { customer: { name: string }; tag: string | null }): string => (a.tag ? `${a.customer.name}, tag ${a.tag}` : a.customer.name);
