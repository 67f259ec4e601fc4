export function PresenceBadge({ present }: { present: boolean }) {
  return present ? null : <span className="badge badge-absent">absent</span>;
}
