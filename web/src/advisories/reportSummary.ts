import type { AdvisoryReport } from './types';

const hosts = (n: number) => `${n} ${n === 1 ? 'host' : 'hosts'}`;

/** Rounded down: "100 %" must mean every host, not 999 of 1,000. */
const percent = (portion: number): string => `${Math.floor(portion * 100)} %`;

/** "3 hosts affected now, 7 of 10 remediated (70 %)" */
export function reportSummary(counts: Pick<AdvisoryReport, 'affectedNow' | 'everAffected' | 'remediated'>): string {
  if (counts.everAffected === 0) return 'No host has been affected.';
  return `${hosts(counts.affectedNow)} affected now, ${counts.remediated} of ${counts.everAffected} remediated (${percent(counts.remediated / counts.everAffected)})`;
}
