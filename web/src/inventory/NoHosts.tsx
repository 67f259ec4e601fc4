import { Link } from 'react-router-dom';

interface Props {
  filtered: boolean;
  isCustomer: boolean;
  onClearFilters: () => void;
}

export function NoHosts({ filtered, isCustomer, onClearFilters }: Props) {
  if (filtered) {
    return (
      <p className="empty">
        No host matches these filters.{' '}
        <button type="button" className="link-button" onClick={onClearFilters}>
          Clear filters
        </button>
      </p>
    );
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
