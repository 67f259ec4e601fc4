import { Link } from 'react-router-dom';
import { NoMatches } from '../core/NoMatches';

interface Props {
  filtered: boolean;
  isCustomer: boolean;
  onClearFilters: () => void;
}

export function NoAdvisories({ filtered, isCustomer, onClearFilters }: Props) {
  if (filtered) {
    return <NoMatches onClear={onClearFilters}>No advisory matches these filters.</NoMatches>;
  }
  if (isCustomer) return <p className="empty">No known advisory affects your hosts.</p>;
  return (
    <p className="empty">
      No advisory has been imported yet. The <Link to="/advisory-feeds">feeds</Link> page shows where they come from.
    </p>
  );
}
