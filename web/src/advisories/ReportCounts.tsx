import { statusCountKeys, statusLabels } from '../remediation/statusText';
import type { StatusCounts } from '../remediation/types';

/** How many hosts are in each state, every state named (none hidden, so a zero reads as a zero). */
export function ReportCounts({ counts }: { counts: StatusCounts }) {
  return (
    <ul className="status-counts" aria-label="Hosts by state" data-testid="report-counts">
      {statusCountKeys.map(([status, key]) => (
        <li key={status} className={counts[key] === 0 ? 'muted' : `status-count status-${status}`} data-testid={`count-${status}`}>
          <strong>{counts[key]}</strong> {statusLabels[status]}
        </li>
      ))}
    </ul>
  );
}
