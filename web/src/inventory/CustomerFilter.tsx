import { SelectFilter } from '../core/SelectFilter';
import { useApi } from '../core/useApi';
import type { Customer } from './types';

interface Props {
  value: string;
  onChange: (customer: string) => void;
  testId?: string;
}

export function CustomerFilter({ value, onChange, testId = 'hosts-filter-customer' }: Props) {
  const customers = useApi<{ items: Customer[] }>('/customers');
  const options = (customers.data?.items ?? []).map((c) => ({ value: String(c.id), label: `${c.name} (${c.hostCount})` }));
  return (
    <SelectFilter label="Customer" anyLabel="All customers" options={options} value={value} onChange={onChange} testId={testId} />
  );
}
