import { Link } from 'react-router-dom';
import { PresenceBadge } from '../inventory/PresenceBadge';
import { RatingBadge } from './RatingBadge';
import type { HostAtRisk } from './types';

interface Props {
  hosts: HostAtRisk[];
  showCustomer: boolean;
  busy: boolean;
}

export function HostsAtRiskTable({ hosts, showCustomer, busy }: Props) {
  return (
    <div className="table-wrap">
      <table data-testid="hosts-at-risk" aria-busy={busy} className={busy ? 'busy' : undefined}>
        <thead>
          <tr>
            <th scope="col">Host</th>
            {showCustomer && <th scope="col">Customer</th>}
            <th scope="col">Release</th>
            <th scope="col" className="num">
              Advisories
            </th>
            <th scope="col" className="num" title="Advisories with a fixed version to upgrade to">
              Fix available
            </th>
            <th scope="col" className="num" title="Advisories without a fix yet">
              Unfixed
            </th>
            <th scope="col">Worst rating</th>
          </tr>
        </thead>
        <tbody>
          {hosts.map(({ host, ...risk }) => (
            <tr key={host.id} className={host.present ? undefined : 'inactive'} data-testid="host-at-risk">
              <th scope="row">
                <Link to={`/hosts/${host.id}?tab=exposures`}>{host.name}</Link> <PresenceBadge present={host.present} />
              </th>
              {showCustomer && <td>{host.customerName ?? <span className="muted">—</span>}</td>}
              <td>{host.release ?? '—'}</td>
              <td className="num">{risk.advisories}</td>
              <td className="num">{risk.fixAvailable}</td>
              <td className="num">{risk.unfixed}</td>
              <td>{risk.worst ? <RatingBadge rating={risk.worst} /> : <span className="muted">unrated</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
