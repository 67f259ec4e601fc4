import { withQuery } from '../core/api';
import { SelectFilter } from '../core/SelectFilter';
import { useApi } from '../core/useApi';
import type { Tag } from './types';

export function TagFilter({ customer, value, onChange }: { customer: string; value: string; onChange: (tag: string) => void }) {
  const tags = useApi<{ items: Tag[] }>(withQuery('/tags', { customer }));
  // Tags belong to customers, but the filter matches by name: across customers, one "prod" option covers them all.
  const names = [...new Set((tags.data?.items ?? []).map((t) => t.name))].sort((a, b) => a.localeCompare(b));
  return (
    <SelectFilter
      label="Tag"
      anyLabel="Any tag"
      options={names.map((name) => ({ value: name, label: name }))}
      value={value}
      onChange={onChange}
      testId="hosts-filter-tag"
    />
  );
}
