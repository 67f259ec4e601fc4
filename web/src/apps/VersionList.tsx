import type { VersionCount } from './types';

// A table row stays one or two lines high however many versions an app has; the app page lists them all.
const shownVersions = 4;

/** "2.1.0 on 3 · 2.0.0 on 1 · +2 more": the most widespread versions and their host counts. */
export function VersionList({ versions }: { versions: VersionCount[] }) {
  const rest = versions.length - shownVersions;
  return (
    <ul className="version-list">
      {versions.slice(0, shownVersions).map((v) => (
        <li key={v.ver}>
          <span className="mono">{v.ver}</span> <span className="muted">on {v.hostCount}</span>
        </li>
      ))}
      {rest > 0 && <li className="muted">+{rest} more</li>}
    </ul>
  );
}
