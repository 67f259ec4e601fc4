import { relativeTime, utcTime } from '../core/time';
import { statusLabels } from './statusText';
import { shortUtc } from './timeText';
import type { HostClassification } from './types';

interface Props {
  host: HostClassification;
  /** For a mark on a wider scope: which hosts it covers ("all of Acme's hosts tagged db"). */
  scopeNote?: string;
}

/**
 * A host's state on an advisory, spelled out: the state, what it waits for, the mark it comes from (why, who, when,
 * until when) and, in plain sight, a report that contradicts a `patched` mark.
 */
export function HostStatusCell({ host, scopeNote }: Props) {
  const { status, mark } = host;
  return (
    <div className="host-status">
      <span className={`status status-${status}`} data-testid="host-status">
        {statusLabels[status]}
        {status === 'patched' && host.provisional && ' (provisional)'}
      </span>
      {status === 'awaiting-window' && host.awaitingUntil && <span className="muted"> until {shortUtc(host.awaitingUntil)}</span>}
      {status === 'overdue' && host.awaitingUntil && <span> since {shortUtc(host.awaitingUntil)}</span>}
      {status === 'patched' && host.provisional && <div className="muted">Marked by hand: confirmed when the host reports the fixed version.</div>}
      {host.contradiction && (
        <div className="contradiction" role="note" data-testid="contradiction">
          <strong>Contradiction:</strong> a report after the mark still shows the vulnerable version.
        </div>
      )}
      {mark && (
        <div className="mark-note" data-testid="mark-note">
          “{mark.justification}” <span className="muted">— {mark.by}, <time dateTime={mark.at} title={utcTime(mark.at)}>{relativeTime(mark.at)}</time>
          {mark.expiresAt && `, until ${shortUtc(mark.expiresAt)}`}
          {scopeNote && ` (${scopeNote})`}</span>
        </div>
      )}
    </div>
  );
}
