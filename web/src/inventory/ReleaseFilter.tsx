import { SelectFilter } from '../core/SelectFilter';
import { useApi } from '../core/useApi';
import { osName } from './osName';
import type { Release } from './types';

interface Props {
  value: string;
  onChange: (release: string) => void;
  testId?: string;
}

export function ReleaseFilter({ value, onChange, testId = 'hosts-filter-release' }: Props) {
  const facets = useApi<{ releases: Release[] }>('/hosts/facets');
  // The filter is by codename, so releases the hosts did not name one for cannot be offered.
  const options = (facets.data?.releases ?? []).flatMap((r) =>
    r.osCodename ? [{ value: r.osCodename, label: `${osName(r)} — ${r.count}` }] : [],
  );
  return <SelectFilter label="Release" anyLabel="Any release" options={options} value={value} onChange={onChange} testId={testId} />;
}
