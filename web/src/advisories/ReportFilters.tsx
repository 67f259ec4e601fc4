import { SelectFilter } from '../core/SelectFilter';
import { statusLabels } from '../remediation/statusText';
import type { HostStatus } from '../remediation/types';
import { filterOptions, hasReportFilter, noFilter, type ReportFilter } from './reportFilter';
import type { AdvisoryReport } from './types';

const statusOptions = (Object.keys(statusLabels) as HostStatus[]).map((s) => ({ value: s, label: statusLabels[s] }));

interface Props {
  report: AdvisoryReport;
  filter: ReportFilter;
  onChange: (filter: ReportFilter) => void;
}

/** Narrows the report's hosts by customer, tag, policy and state: to read them, or to select them all at once. */
export function ReportFilters({ report, filter, onChange }: Props) {
  const options = filterOptions(report);
  const set = (changes: Partial<ReportFilter>) => onChange({ ...filter, ...changes });
  return (
    <div className="filters" role="group" aria-label="Filter the affected hosts">
      {options.customers.length > 1 && (
        <SelectFilter label="Customer" anyLabel="All customers" options={options.customers} value={filter.customer} onChange={(customer) => set({ customer })} testId="report-filter-customer" />
      )}
      <SelectFilter label="Tag" anyLabel="Any tag" options={options.tags} value={filter.tag} onChange={(tag) => set({ tag })} testId="report-filter-tag" />
      <SelectFilter label="Policy" anyLabel="Any policy" options={options.policies} value={filter.policy} onChange={(policy) => set({ policy })} testId="report-filter-policy" />
      <SelectFilter
        label="State"
        anyLabel="Any state"
        options={statusOptions}
        value={filter.status}
        onChange={(status) => set({ status: status as ReportFilter['status'] })}
        testId="report-filter-status"
      />
      {hasReportFilter(filter) && (
        <button type="button" className="link-button" onClick={() => onChange(noFilter)}>
          Clear filters
        </button>
      )}
    </div>
  );
}
