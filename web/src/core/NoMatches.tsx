import type { ReactNode } from 'react';

/** The empty state of a filtered list: it says so, and offers the way back to the whole list. */
export function NoMatches({ children, clearLabel = 'Clear filters', onClear }: { children: ReactNode; clearLabel?: string; onClear: () => void }) {
  return (
    <p className="empty">
      {children}{' '}
      <button type="button" className="link-button" onClick={onClear}>
        {clearLabel}
      </button>
    </p>
  );
}
