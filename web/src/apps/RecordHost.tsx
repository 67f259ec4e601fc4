import { Link } from 'react-router-dom';

/** The host an update named, linked to the inventory host of that name or machine-id when there is one. */
export function RecordHost({ host, hostId }: { host: string; hostId: number | null }) {
  const name = host || <span className="muted">no host name</span>;
  return hostId === null ? name : <Link to={`/hosts/${hostId}`}>{name}</Link>;
}
