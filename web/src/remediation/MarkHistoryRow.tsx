import { useState } from 'react';
import { ErrorMessage } from '../core/ErrorMessage';
import { Timestamp } from '../core/Timestamp';
import { MarkAuditList } from './MarkAuditList';
import { statusLabels } from './statusText';
import { shortUtc } from './timeText';
import type { MarkAuditEntry, MarkRow } from './types';
import { useOnDemand } from './useOnDemand';

// The history table's columns, for the row of changes under a mark.
const columns = 7;

interface Props {
  mark: MarkRow;
  /** Whom the mark covers, in words: "acme-web2", "every host of Acme tagged db". */
  covers: string;
}

/** A mark of the history, and under it, once asked for, its changes (fetched the first time only). */
export function MarkHistoryRow({ mark: m, covers }: Props) {
  const [showing, setShowing] = useState(false);
  const audit = useOnDemand<{ items: MarkAuditEntry[] }>(`/remediation/marks/${m.id}/audit`);
  const removed = m.removed_at !== null;
  const expired = m.expires_at !== null && Date.parse(m.expires_at) <= Date.now();
  const auditId = `mark-audit-${m.id}`;

  const toggle = () => {
    if (!showing) audit.load();
    setShowing(!showing);
  };

  return (
    <tbody data-testid="history-mark" data-mark-id={m.id}>
      <tr className={removed ? 'mark-removed' : expired ? 'inactive' : undefined}>
        <th scope="row" data-testid="history-mark-covers">
          {covers}
        </th>
        <td>
          <span className={`status status-${m.state}`}>{statusLabels[m.state]}</span>
        </td>
        <td data-testid="history-mark-justification">{m.justification}</td>
        <td data-testid="history-mark-made">
          {m.created_by}, <Timestamp iso={m.created_at} />
        </td>
        <td>{m.expires_at ? `${expired ? 'expired ' : ''}${shortUtc(m.expires_at)}` : <span className="muted">never</span>}</td>
        <td data-testid="history-mark-removed">
          {removed ? (
            <span className="removed-note">
              removed by {m.removed_by}, <Timestamp iso={m.removed_at} />
            </span>
          ) : (
            <span className="muted">no</span>
          )}
        </td>
        <td className="actions">
          <button
            type="button"
            className="small"
            onClick={toggle}
            aria-expanded={showing}
            aria-controls={showing ? auditId : undefined}
            aria-label={`${showing ? 'Hide' : 'Show'} changes of the ${statusLabels[m.state]} mark of ${covers}`}
            data-testid="mark-audit-toggle"
          >
            {showing ? 'Hide changes' : 'Show changes'}
          </button>
        </td>
      </tr>
      {showing && (
        <tr className="mark-audit-row" id={auditId}>
          <td colSpan={columns}>
            <ErrorMessage error={audit.error} />
            {!audit.data && audit.loading && <p className="muted">Loading the changes…</p>}
            {audit.data && <MarkAuditList entries={audit.data.items} />}
          </td>
        </tr>
      )}
    </tbody>
  );
}
