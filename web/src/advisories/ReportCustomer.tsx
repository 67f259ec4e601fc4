import { useState } from 'react';
import { reportSummary } from './reportSummary';
import { ReportHostsTable } from './ReportHostsTable';
import type { ReportCustomerGroup } from './types';

interface Props {
  group: ReportCustomerGroup;
  /** Opened from the start: when the report is small enough to read whole. */
  initiallyOpen: boolean;
}

/**
 * One customer's hosts, grouped by patching policy, folded: a report of many customers opens as one line each, and
 * a group's host rows exist only once it is opened.
 */
export function ReportCustomer({ group, initiallyOpen }: Props) {
  const [open, setOpen] = useState(initiallyOpen);
  const totals = group.policies.reduce(
    (t, p) => ({ affectedNow: t.affectedNow + p.affectedNow, everAffected: t.everAffected + p.everAffected, remediated: t.remediated + p.remediated }),
    { affectedNow: 0, everAffected: 0, remediated: 0 },
  );
  const name = group.customer?.name ?? 'No customer';
  return (
    <details className="report-customer" open={open} onToggle={(e) => setOpen(e.currentTarget.open)} data-testid="report-customer">
      <summary>
        <h3>{name}</h3> <span className="muted">{reportSummary(totals)}</span>
      </summary>
      {open &&
        group.policies.map((p, i) => (
          // Until patching policies exist the one placeholder group is all there is: its place is its key.
          <section key={i} className="report-policy" data-testid="report-policy">
            <h4>
              No patching policy yet <span className="muted">{reportSummary(p)}</span>
            </h4>
            {p.hosts.length > 0 ? <ReportHostsTable hosts={p.hosts} /> : <p className="muted">Every host of this group has been remediated.</p>}
          </section>
        ))}
    </details>
  );
}
