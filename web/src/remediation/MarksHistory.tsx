import { type SyntheticEvent, useEffect, useMemo } from 'react';
import { withQuery } from '../core/api';
import { ErrorMessage } from '../core/ErrorMessage';
import { MarkHistoryRow } from './MarkHistoryRow';
import type { MarkRow } from './types';
import { useOnDemand } from './useOnDemand';
import { wideMarkCovers } from './WideMarksList';

interface Props {
  advisoryId: string;
  /** A host's name, when the report knows the host. */
  hostName: (id: number) => string | undefined;
  customerName: (id: number | null) => string;
  /** Goes up by one whenever a mark is made or removed on the page: an opened history is fetched again. */
  changes: number;
}

/** Whom a mark covers, in words: a host's name ("host 12" if the report does not know it), or a customer (and tag). */
export function markCovers(mark: MarkRow, hostName: Props['hostName'], customerName: Props['customerName']): string {
  if (mark.scope === 'host') return (mark.host_id !== null && hostName(mark.host_id)) || `host ${mark.host_id ?? '?'}`;
  return wideMarkCovers(customerName(mark.customer_id), mark.tag);
}

const newestFirst = (a: MarkRow, b: MarkRow) => Date.parse(b.created_at) - Date.parse(a.created_at) || b.id - a.id;

/**
 * Every mark ever made on this advisory, removed ones too, newest first: what each covered, why, who made it and
 * who removed it. Fetched the first time it is opened, not before; each mark's changes on demand.
 */
export function MarksHistory({ advisoryId, hostName, customerName, changes }: Props) {
  const history = useOnDemand<{ items: MarkRow[] }>(withQuery('/remediation/marks', { advisory: advisoryId, includeRemoved: true }));
  const marks = useMemo(() => [...(history.data?.items ?? [])].sort(newestFirst), [history.data]);
  const removed = marks.filter((m) => m.removed_at !== null).length;

  const { reload, load } = history;
  useEffect(() => {
    if (changes > 0) reload();
  }, [changes, reload]);

  const onToggle = (event: SyntheticEvent<HTMLDetailsElement>) => {
    if (event.currentTarget.open) load();
  };

  return (
    <details className="marks-history" onToggle={onToggle} data-testid="marks-history">
      <summary>History of marks</summary>
      <ErrorMessage error={history.error} />
      {!history.data && history.loading && <p className="muted">Loading the marks…</p>}
      {history.data && marks.length === 0 && <p className="empty">No mark was ever made on this advisory.</p>}
      {marks.length > 0 && (
        <>
          <p className="muted" data-testid="marks-history-summary">
            {marks.length === 1 ? '1 mark' : `${marks.length} marks`}
            {removed > 0 ? `, ${removed} of them removed` : ''}; newest first.
          </p>
          <div className="table-wrap" aria-busy={history.loading}>
            <table data-testid="marks-history-table">
              <thead>
                <tr>
                  <th scope="col">Covers</th>
                  <th scope="col">State</th>
                  <th scope="col">Why</th>
                  <th scope="col">Made</th>
                  <th scope="col">Expires</th>
                  <th scope="col">Removed</th>
                  <th scope="col">
                    <span className="visually-hidden">Changes</span>
                  </th>
                </tr>
              </thead>
              {marks.map((m) => (
                // Keyed by its removal too: a mark removed meanwhile shows its changes afresh.
                <MarkHistoryRow key={`${m.id}:${m.removed_at ?? ''}`} mark={m} covers={markCovers(m, hostName, customerName)} />
              ))}
            </table>
          </div>
        </>
      )}
    </details>
  );
}
