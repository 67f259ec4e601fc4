interface Props {
  offset: number;
  limit: number;
  total: number;
  onChange: (offset: number) => void;
  label: string;
}

export function Pager({ offset, limit, total, onChange, label }: Props) {
  if (total === 0) return null;
  const first = offset + 1;
  const last = Math.min(offset + limit, total);
  return (
    <nav className="pager" aria-label={label}>
      <button type="button" disabled={offset === 0} onClick={() => onChange(Math.max(0, Math.min(offset, total) - limit))}>
        ← Previous
      </button>
      <span className="pager-range" aria-live="polite">
        {/* A bookmarked page can point past the end after hosts went away. */}
        {first <= total ? `${first}–${last} of ${total}` : `past the end of ${total}`}
      </span>
      <button type="button" disabled={last >= total} onClick={() => onChange(offset + limit)}>
        Next →
      </button>
    </nav>
  );
}
