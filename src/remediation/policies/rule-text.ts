// The text form of a window rule, for people (the CLI, listings):
//   daily HH:MM LENGTH            daily 02:00 2h
//   weekly DAYS HH:MM LENGTH      weekly mon,thu 22:30 90m
//   cron EXPRESSION LENGTH        cron '30 2 * * 1-5' 1h   (the five fields, quoted or not)
// LENGTH is whole minutes written as 90m, 2h, 1.5h or 1d, at most 7d.
import { unprocessable } from '../../core/errors.js';
import { durationText, parseMinutes } from './durations.js';
import { maxWindowMinutes, minWindowMinutes, type RuleInput, type WindowRule } from './windows.js';

const forms = `"daily HH:MM LENGTH", "weekly DAYS HH:MM LENGTH" or "cron 'EXPRESSION' LENGTH"`;

/** The rule a text names, not yet validated beyond its shape; errors name `field` (an option, say). */
export function parseRuleText(text: string, field: string): RuleInput {
  const words = text.trim().split(/\s+/);
  const kind = words[0]?.toLowerCase();
  const expected = () => unprocessable(`${field}: expected ${forms}, got ${JSON.stringify(text)}`, { field });
  const minutes = () => parseMinutes(words.at(-1)!, `${field} length`, minWindowMinutes, maxWindowMinutes);
  if (kind === 'daily' && words.length === 3) return { kind, at: words[1], minutes: minutes() };
  if (kind === 'weekly' && words.length === 4) return { kind, days: words[1]!.toLowerCase().split(','), at: words[2], minutes: minutes() };
  if (kind === 'cron' && words.length >= 3) {
    const expression = words.slice(1, -1).join(' ').replace(/^(['"])(.*)\1$/, '$2');
    return { kind, expression, minutes: minutes() };
  }
  throw expected();
}

/** The text form of a rule: what `parseRuleText` reads back as the same rule. */
export function ruleText(rule: WindowRule): string {
  const length = durationText(rule.minutes);
  switch (rule.kind) {
    case 'daily':
      return `daily ${rule.at} ${length}`;
    case 'weekly':
      return `weekly ${rule.days.join(',')} ${rule.at} ${length}`;
    case 'cron':
      return `cron '${rule.expression}' ${length}`;
  }
}
