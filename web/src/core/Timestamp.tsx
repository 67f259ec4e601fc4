import { relativeTime, utcTime } from './time';

interface Props {
  iso: string | null;
  /** relative: "3 minutes ago" with the UTC time on hover; full: both, spelled out. */
  format?: 'relative' | 'full';
  empty?: string;
}

export function Timestamp({ iso, format = 'relative', empty = '—' }: Props) {
  if (!iso) return <span className="muted">{empty}</span>;
  const utc = utcTime(iso);
  return (
    <time dateTime={iso} title={utc}>
      {format === 'full' ? `${utc} (${relativeTime(iso)})` : relativeTime(iso)}
    </time>
  );
}
