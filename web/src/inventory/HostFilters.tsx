import { SearchBox } from '../core/SearchBox';
import { SelectFilter } from '../core/SelectFilter';
import { CustomerFilter } from './CustomerFilter';
import { type HostQuery, hasFilters } from './hostQuery';
import { ReleaseFilter } from './ReleaseFilter';
import { TagFilter } from './TagFilter';

interface Props {
  query: HostQuery;
  showCustomer: boolean;
  onChange: (changes: Partial<HostQuery>, options?: { replace?: boolean }) => void;
  onClear: () => void;
}

const presenceOptions = [
  { value: 'true', label: 'Present' },
  { value: 'false', label: 'Absent' },
];

export function HostFilters({ query, showCustomer, onChange, onClear }: Props) {
  return (
    <div className="filters">
      <SearchBox
        label="Search"
        placeholder="Host name, machine-id, kernel…"
        value={query.q}
        // Replacing the history entry keeps Back from stepping through every pause in typing.
        onChange={(q) => onChange({ q }, { replace: true })}
        testId="hosts-search"
      />
      {showCustomer && <CustomerFilter value={query.customer} onChange={(customer) => onChange({ customer })} />}
      <TagFilter customer={query.customer} value={query.tag} onChange={(tag) => onChange({ tag })} />
      <ReleaseFilter value={query.release} onChange={(release) => onChange({ release })} />
      <SelectFilter
        label="Status"
        anyLabel="Present and absent"
        options={presenceOptions}
        value={query.present}
        onChange={(present) => onChange({ present: present as HostQuery['present'] })}
        testId="hosts-filter-present"
      />
      {hasFilters(query) && (
        <button type="button" className="link-button" onClick={onClear}>
          Clear filters
        </button>
      )}
    </div>
  );
}
