import { Timestamp } from '../core/Timestamp';
import type { AppVersionChange } from './types';

function What({ change }: { change: AppVersionChange }) {
  const ver = <span className="mono">{change.ver}</span>;
  if (change.kind === 'gone') return <>{ver} no longer reported</>;
  if (change.previousVer === null) return <>{ver} appeared</>;
  return (
    <>
      <span className="mono">{change.previousVer}</span> → {ver}
    </>
  );
}

/** "web-1 #0: 1.2 → 1.3 3 minutes ago" */
export function VersionChangeLine({ change }: { change: AppVersionChange }) {
  return (
    <li className={`version-change version-change-${change.kind}`} data-testid="version-change">
      <span className="mono">
        {change.host || <span className="muted">no host name</span>} #{change.instance}
      </span>
      : <What change={change} /> <Timestamp iso={change.at} />
    </li>
  );
}
