// What a patching policy says, checked: its name, mode, windows, time zone, what it installs and its deadline.
// An automatic policy patches and reboots on its own, so it needs both windows; a manual one may name them as the
// agreed maintenance times, and nothing waits for them.
import { unprocessable } from '../../core/errors.js';
import { durationText, parseMinutes } from './durations.js';
import { type RuleInput, type WindowRule, validateRule, validateTimeZone } from './windows.js';

export const policyModes = ['automatic', 'manual'] as const;
export type PolicyMode = (typeof policyModes)[number];
export const installChoices = ['security', 'all'] as const;
export type Installs = (typeof installChoices)[number];
export type WindowKind = 'patch' | 'reboot';

export const defaultDeadline = '1d';
const maxDeadlineMinutes = 30 * 24 * 60;

/** A policy as callers send it; missing `timeZone`, `installs` and `deadline` take UTC, security and 1d. */
export interface PolicyInput {
  name: string;
  mode: string;
  timeZone?: string;
  installs?: string;
  patchWindow?: RuleInput | null;
  rebootWindow?: RuleInput | null;
  /** How long after the end of a patch window an exposure may stay open before it is overdue: 0 to 30d. */
  deadline?: string;
}

export interface PolicyDefinition {
  name: string;
  mode: PolicyMode;
  timeZone: string;
  installs: Installs;
  patchWindow: WindowRule | null;
  rebootWindow: WindowRule | null;
  deadlineMs: number;
}

export function validateDefinition(input: PolicyInput): PolicyDefinition {
  const name = input.name.trim();
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/.test(name)) {
    throw unprocessable(`name: 1 to 100 letters, digits, dots, dashes or underscores, starting with a letter or digit; got ${JSON.stringify(input.name)}`, { field: 'name' });
  }
  const mode = oneOf(input.mode, policyModes, 'mode');
  const installs = oneOf(input.installs ?? 'security', installChoices, 'installs');
  const timeZone = validateTimeZone(input.timeZone ?? 'UTC');
  const patchWindow = input.patchWindow ? validateRule(input.patchWindow, 'patchWindow') : null;
  const rebootWindow = input.rebootWindow ? validateRule(input.rebootWindow, 'rebootWindow') : null;
  if (mode === 'automatic') {
    for (const [field, rule] of [['patchWindow', patchWindow], ['rebootWindow', rebootWindow]] as const) {
      if (!rule) throw unprocessable(`${field}: an automatic policy needs a ${field === 'patchWindow' ? 'patch' : 'reboot'} window`, { field });
    }
  }
  const deadlineMs = parseMinutes(input.deadline ?? defaultDeadline, 'deadline', 0, maxDeadlineMinutes) * 60_000;
  return { name, mode, timeZone, installs, patchWindow, rebootWindow, deadlineMs };
}

export const deadlineText = (deadlineMs: number): string => durationText(deadlineMs / 60_000);

function oneOf<T extends string>(value: string, choices: readonly T[], field: string): T {
  if (!(choices as readonly string[]).includes(value)) throw unprocessable(`${field}: expected ${choices.join(' or ')}, got ${JSON.stringify(value)}`, { field });
  return value as T;
}
