import { NoMatches } from '../core/NoMatches';
import { ReportingHowTo } from './ReportingHowTo';

interface Props {
  filtered: boolean;
  isCustomer: boolean;
  onClearFilters: () => void;
}

export function NoApps({ filtered, isCustomer, onClearFilters }: Props) {
  if (filtered) {
    return (
      <NoMatches clearLabel="Clear search" onClear={onClearFilters}>
        No app matches this search.
      </NoMatches>
    );
  }
  if (isCustomer) return <p className="empty">No app on your hosts has reported its version yet.</p>;
  return (
    <div className="empty" data-testid="no-apps">
      <p>No app has reported its version yet.</p>
      <ReportingHowTo />
    </div>
  );
}
