// A table row stays one or two lines high however many CVEs an advisory fixes; the advisory page lists them all.
const shownCves = 3;

export function CveList({ cves }: { cves: string[] }) {
  if (cves.length === 0) return <span className="muted">—</span>;
  const rest = cves.length - shownCves;
  return (
    <span className="mono" title={rest > 0 ? cves.join(' ') : undefined}>
      {cves.slice(0, shownCves).join(' ')}
      {rest > 0 && <span className="muted"> +{rest} more</span>}
    </span>
  );
}
