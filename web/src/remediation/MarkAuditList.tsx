import { Timestamp } from '../core/Timestamp';
import { statusLabels } from './statusText';
import { shortUtc } from './timeText';
import type { MarkAuditEntry } from './types';

/** A mark's changes as its audit log keeps them, oldest first: made (with what it said), removed. */
export function MarkAuditList({ entries }: { entries: MarkAuditEntry[] }) {
  if (entries.length === 0) return <p className="muted">No change recorded.</p>;
  return (
    <ol className="mark-audit" aria-label="Changes of this mark" data-testid="mark-audit">
      {entries.map((e) => (
        <li key={e.id} className={`mark-audit-${e.action}`} data-testid="mark-audit-entry">
          <strong>{e.action}</strong> by {e.actor}, <Timestamp iso={e.at} format="full" />
          {e.action === 'created' && (
            <span className="muted">
              {' '}
              — {statusLabels[e.mark.state]}
              {e.mark.justification ? `, “${e.mark.justification}”` : ''}
              {e.mark.expires_at ? `, until ${shortUtc(e.mark.expires_at)}` : ''}
            </span>
          )}
        </li>
      ))}
    </ol>
  );
}
