import { useId } from 'react';
import { Link } from 'react-router-dom';
import { GroupCheckbox } from '../remediation/GroupCheckbox';
import { statusCountsText } from '../remediation/statusText';
import type { Selection } from '../remediation/useSelection';
import type { MarkScopeNote } from './ReportHostRow';
import type { ShownCustomerGroup, ShownPolicyGroup } from './reportFilter';
import { ReportHostsTable } from './ReportHostsTable';
import { reportSummary } from './reportSummary';
import type { StatusCounts } from '../remediation/types';

interface Props {
  shown: ShownCustomerGroup;
  open: boolean;
  onToggleOpen: (key: string) => void;
  selection?: Selection;
  scopeNote: MarkScopeNote;
  onChanged: () => void;
}

const sumCounts = (groups: StatusCounts[]): StatusCounts =>
  groups.reduce<StatusCounts>(
    (t, p) => {
      const out = { ...t };
      for (const k of Object.keys(t) as (keyof StatusCounts)[]) out[k] += p[k];
      return out;
    },
    { affectedNow: 0, everAffected: 0, remediated: 0, open: 0, awaitingWindow: 0, overdue: 0, patched: 0, compensated: 0, acceptedRisk: 0, notApplicable: 0 },
  );

/**
 * One customer's hosts, grouped by patching policy, folded: a report of many customers opens as one line each, and
 * a group's host rows exist only once it is opened. Staff can select the whole customer, or one policy's hosts,
 * folded or not.
 */
export function ReportCustomer({ shown, open, onToggleOpen, selection, scopeNote, onChanged }: Props) {
  const panel = useId();
  const { group } = shown;
  const totals = sumCounts(group.policies);
  const name = group.customer?.name ?? 'No customer';
  return (
    <section className="report-customer" data-testid="report-customer" aria-label={name}>
      <div className="report-customer-head">
        <h3>
          <button type="button" className="disclosure" aria-expanded={open} aria-controls={panel} onClick={() => onToggleOpen(shown.key)}>
            <span aria-hidden="true">{open ? '▾' : '▸'} </span>
            {name}
          </button>
        </h3>
        <span className="muted" data-testid="report-customer-summary">
          {reportSummary(totals)}
          {totals.everAffected > 0 && ` — ${statusCountsText(totals)}`}
        </span>
        {group.customer && (
          <Link className="small-link" to={`/customers/${group.customer.id}/overview`}>
            Customer overview
          </Link>
        )}
        {selection && (
          <GroupCheckbox ids={shown.hosts.map((h) => h.id)} selection={selection} label={`Select all ${shown.hosts.length} shown hosts of ${name}`} testId="select-customer" />
        )}
      </div>
      <div id={panel} hidden={!open}>
        {open &&
          shown.policies.map((p) => <PolicyGroup key={p.key} shown={p} customerName={name} selection={selection} scopeNote={scopeNote} onChanged={onChanged} />)}
      </div>
    </section>
  );
}

function PolicyGroup({ shown, customerName, selection, scopeNote, onChanged }: { shown: ShownPolicyGroup; customerName: string } & Pick<Props, 'selection' | 'scopeNote' | 'onChanged'>) {
  const { group: p, hosts } = shown;
  const title = p.policy ? (
    <>
      Policy <Link to={`/policies/${p.policy.id}`}>{p.policy.name}</Link> <span className="badge">{p.policy.mode}</span>
    </>
  ) : (
    'No patching policy yet: patched by hand'
  );
  return (
    <section className="report-policy" data-testid="report-policy">
      <div className="report-policy-head">
        <h4>
          {title} <span className="muted">{reportSummary(p)}{p.everAffected > 0 && ` — ${statusCountsText(p)}`}</span>
        </h4>
        {selection && hosts.length > 0 && (
          <GroupCheckbox
            ids={hosts.map((h) => h.id)}
            selection={selection}
            label={`Select all ${hosts.length} of ${customerName} ${p.policy ? `under ${p.policy.name}` : 'without a policy'}`}
            testId="select-policy"
          />
        )}
      </div>
      {hosts.length > 0 ? (
        <ReportHostsTable hosts={hosts} selection={selection} scopeNote={scopeNote} onChanged={onChanged} />
      ) : (
        <p className="muted">Every host of this group has been remediated.</p>
      )}
    </section>
  );
}
