import { Link } from 'react-router-dom';
import { NoMatches } from '../core/NoMatches';

interface Props {
  filtered: boolean;
  isCustomer: boolean;
  onClearFilters: () => void;
}

export function NoHosts({ filtered, isCustomer, onClearFilters }: Props) {
  if (filtered) {
    return <NoMatches onClear={onClearFilters}>No host matches these filters.</NoMatches>;
  }
  if (isCustomer) return <p className="empty">No hosts are registered for your account yet.</p>;
  return (
    <div className="empty">
      <p>No host has reported yet.</p>
      <p>
        Create an agent token under <Link to="/tokens">API tokens</Link>, then on each host run:
      </p>
      <pre>
        <code>steward agent report --server {window.location.origin} --token T</code>
      </pre>
    </div>
  );
}
