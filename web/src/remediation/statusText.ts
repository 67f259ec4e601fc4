import type { HostStatus, MarkState, StatusCounts } from './types';

/** Each state in a few words, as the reports and the host rows name it. */
export const statusLabels: Record<HostStatus, string> = {
  open: 'open',
  'awaiting-window': 'awaiting window',
  overdue: 'overdue',
  patched: 'patched',
  compensated: 'compensated',
  'accepted-risk': 'accepted risk',
  'not-applicable': 'not applicable',
};

/** The counter of each state in the report counts, in the order they are shown: what needs work first. */
export const statusCountKeys: [HostStatus, keyof StatusCounts][] = [
  ['overdue', 'overdue'],
  ['open', 'open'],
  ['awaiting-window', 'awaitingWindow'],
  ['patched', 'patched'],
  ['compensated', 'compensated'],
  ['accepted-risk', 'acceptedRisk'],
  ['not-applicable', 'notApplicable'],
];

/** "1 overdue · 2 open · 3 patched": only the states some host is in. */
export function statusCountsText(counts: StatusCounts): string {
  const parts = statusCountKeys.filter(([, key]) => counts[key] > 0).map(([status, key]) => `${counts[key]} ${statusLabels[status]}`);
  return parts.join(' · ');
}

/** The verb of a mark's button and confirmation: "Mark patched", "Mark accepted risk". */
export const markVerb = (state: MarkState): string => `Mark ${statusLabels[state]}`;

/** What each mark state means, for the choice in a form. */
export const markStateHelp: Record<MarkState, string> = {
  patched: 'patched by hand: confirmed once the host reports the fixed version',
  compensated: 'compensated: something else protects the hosts (a firewall rule, a disabled feature)',
  'accepted-risk': 'accepted risk: the risk is known and accepted',
  'not-applicable': 'not applicable: the flaw cannot be reached on these hosts',
};
