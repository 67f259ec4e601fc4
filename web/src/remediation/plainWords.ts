// The customer overview speaks to readers who do not patch servers: states and actions in everyday words.
import { plainDate } from './timeText';
import type { CustomerReportDone, CustomerReportHost, HostStatus } from './types';

export const plainStatus = (h: Pick<CustomerReportHost, 'status' | 'provisional' | 'awaitingUntil' | 'contradiction'>): string => {
  switch (h.status) {
    case 'open':
      return 'not fixed yet';
    case 'awaiting-window':
      return h.awaitingUntil ? `will be fixed automatically by ${plainDate(h.awaitingUntil)}` : 'will be fixed automatically in the next patching window';
    case 'overdue':
      return h.awaitingUntil ? `overdue: should have been fixed by ${plainDate(h.awaitingUntil)}` : 'overdue';
    case 'patched':
      if (h.contradiction) return 'reported as fixed, but the server still shows the old version: being checked';
      return h.provisional ? 'fixed by hand (to be confirmed by the server’s next report)' : 'fixed';
    case 'compensated':
      return 'protected by other means';
    case 'accepted-risk':
      return 'risk accepted';
    case 'not-applicable':
      return 'does not apply';
  }
};

/** States that still need something to happen. */
const atRiskStatuses: ReadonlySet<HostStatus> = new Set(['open', 'overdue', 'awaiting-window']);

/** Whether a server is still exposed: its state says so, or a report contradicts the mark that says it is fixed. */
export const stillAtRisk = (h: Pick<CustomerReportHost, 'status' | 'contradiction'>): boolean => atRiskStatuses.has(h.status) || h.contradiction === true;

const doneWords: Record<CustomerReportDone['what'], string> = {
  fixed: 'fixed on',
  removed: 'no longer affected (the package was removed) on',
  patched: 'marked as fixed by hand on',
  compensated: 'protected by other means on',
  'accepted-risk': 'risk accepted for',
  'not-applicable': 'found not to apply to',
};

/** Which servers an entry is about: one, every one with a tag, or all of them (marks for a whole customer). */
const doneWhom = (d: CustomerReportDone): string => (d.host ? d.host.name : d.tag ? `every server tagged ${d.tag}` : 'all your servers');

/** "fixed on web-1", "risk accepted for db-1 by admin", "protected by other means on every server tagged db by admin". */
export const doneText = (d: CustomerReportDone): string => `${doneWords[d.what]} ${doneWhom(d)}${d.by ? ` by ${d.by}` : ''}`;

export const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;
