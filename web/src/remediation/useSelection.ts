import { useCallback, useMemo, useState } from 'react';

export interface Selection {
  selected: ReadonlySet<number>;
  /** Selects (`on`) or unselects the ids; stable across renders, so memoized rows keep their props. */
  set: (ids: readonly number[], on: boolean) => void;
  clear: () => void;
}

/** A set of selected ids: a new Set on every change, so React sees it, and only rows whose state changed re-render. */
export function useSelection(): Selection {
  const [selected, setSelected] = useState<ReadonlySet<number>>(() => new Set());
  const set = useCallback((ids: readonly number[], on: boolean) => {
    setSelected((prev) => {
      const next = new Set(prev);
      for (const id of ids) {
        if (on) next.add(id);
        else next.delete(id);
      }
      return next;
    });
  }, []);
  const clear = useCallback(() => setSelected(new Set()), []);
  return useMemo(() => ({ selected, set, clear }), [selected, set, clear]);
}
