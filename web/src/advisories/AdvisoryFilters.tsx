import { SearchBox } from '../core/SearchBox';
import { SelectFilter } from '../core/SelectFilter';
import { ReleaseFilter } from '../inventory/ReleaseFilter';
import { type AdvisoriesQuery, hasAdvisoryFilters } from './advisoriesQuery';

interface Props {
  query: AdvisoriesQuery;
  /** Customer users only ever see advisories affecting their hosts: the toggle would do nothing for them. */
  showAffecting: boolean;
  onChange: (changes: Partial<AdvisoriesQuery>, options?: { replace?: boolean }) => void;
  onClear: () => void;
}

const sourceOptions = [
  { value: 'debian', label: 'Debian' },
  { value: 'ubuntu', label: 'Ubuntu' },
];

export function AdvisoryFilters({ query, showAffecting, onChange, onClear }: Props) {
  return (
    <div className="filters">
      <SearchBox
        label="Search"
        placeholder="DSA-5380-1, CVE-2023-1393, openssl…"
        value={query.q}
        // Replacing the history entry keeps Back from stepping through every pause in typing.
        onChange={(q) => onChange({ q }, { replace: true })}
        testId="advisories-search"
      />
      <ReleaseFilter value={query.release} onChange={(release) => onChange({ release })} testId="advisories-filter-release" />
      <SelectFilter
        label="Source"
        anyLabel="Debian and Ubuntu"
        options={sourceOptions}
        value={query.source}
        onChange={(source) => onChange({ source: source as AdvisoriesQuery['source'] })}
        testId="advisories-filter-source"
      />
      {showAffecting && (
        <label className="toggle">
          <input type="checkbox" checked={query.affecting} onChange={(e) => onChange({ affecting: e.target.checked })} data-testid="advisories-affecting" />
          Only those affecting my hosts
        </label>
      )}
      {hasAdvisoryFilters(query) && (
        <button type="button" className="link-button" onClick={onClear}>
          Clear filters
        </button>
      )}
    </div>
  );
}
