export function WithdrawnBadge({ withdrawn }: { withdrawn: boolean }) {
  return withdrawn ? (
    <span className="badge badge-absent" title="The feed withdrew this advisory: it no longer opens exposures">
      withdrawn
    </span>
  ) : null;
}
