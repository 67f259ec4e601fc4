// When a policy's hosts patch and reboot, and until when an exposure on them counts as awaiting its window.
import type { PolicyMode, WindowKind } from './definition.js';
import { nextWindow, type Window, type WindowRule } from './windows.js';

/** What timing needs of a policy (a ResolvedPolicy, a Policy, a PolicyView all have it). */
export interface PolicyTiming {
  mode: PolicyMode;
  timeZone: string;
  patchWindow: WindowRule | null;
  rebootWindow: WindowRule | null;
  deadlineMs: number;
}

/** The policy's first patch or reboot window whose end is after `after`; null when it names no such window. */
export function policyWindow(policy: PolicyTiming, kind: WindowKind, after: Date): Window | null {
  const rule = kind === 'patch' ? policy.patchWindow : policy.rebootWindow;
  return rule ? nextWindow(rule, policy.timeZone, after) : null;
}

/**
 * Until when a host under this policy counts "compensated (awaiting window)" for an exposure opened at
 * `exposureOpenedAt`: the end of the first patch window ending after it opened (one in progress counts), plus the
 * deadline. After that instant an exposure still open is overdue. Null for a manual policy: nothing is awaited.
 */
export function awaitingUntil(policy: PolicyTiming, exposureOpenedAt: Date): Date | null {
  if (policy.mode !== 'automatic') return null;
  const window = policyWindow(policy, 'patch', exposureOpenedAt);
  return window && new Date(window.end.getTime() + policy.deadlineMs);
}
