import { useEffect, useRef } from 'react';
import type { Selection } from './useSelection';

interface Props {
  ids: readonly number[];
  selection: Selection;
  /** The visible label: "Select all 12 hosts of Acme". */
  label: string;
  testId?: string;
}

/** A real checkbox that selects or unselects a whole group; half-set (indeterminate) when some of it is selected. */
export function GroupCheckbox({ ids, selection, label, testId }: Props) {
  const ref = useRef<HTMLInputElement>(null);
  let count = 0;
  for (const id of ids) if (selection.selected.has(id)) count++;
  const all = ids.length > 0 && count === ids.length;
  const some = count > 0 && !all;
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = some;
  }, [some]);
  return (
    <label className="toggle group-select">
      <input ref={ref} type="checkbox" checked={all} disabled={ids.length === 0} onChange={() => selection.set(ids, !all)} data-testid={testId} />
      {label}
      {some && <span className="muted"> ({count} selected)</span>}
    </label>
  );
}
