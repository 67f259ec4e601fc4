import { useState } from 'react';
import { withQuery } from '../core/api';
import { ErrorMessage } from '../core/ErrorMessage';
import { useApi } from '../core/useApi';
import type { AppVersionChange } from './types';
import { VersionChangeLine } from './VersionChangeLine';

const pageSize = 20;

/** The app's version changes, newest first, a page at a time. */
export function AppHistory({ appId }: { appId: string }) {
  const [offset, setOffset] = useState(0);
  // The history has no total (counting it would read all of it): one change more than shown tells whether older ones exist.
  const history = useApi<{ items: AppVersionChange[] }>(withQuery('/app-history', { appId, limit: pageSize + 1, offset }));
  const items = history.data?.items ?? [];

  return (
    <section aria-labelledby="history-heading" data-testid="app-history">
      <h2 id="history-heading">Recent changes</h2>
      <ErrorMessage error={history.error} />
      {history.data && items.length === 0 && <p className="empty">{offset === 0 ? 'No version changes recorded yet.' : 'No older changes.'}</p>}
      {items.length > 0 && (
        <ol className={history.loading ? 'version-changes busy' : 'version-changes'} aria-busy={history.loading}>
          {items.slice(0, pageSize).map((change) => (
            <VersionChangeLine key={`${change.at} ${change.host} ${change.instance} ${change.kind} ${change.ver}`} change={change} />
          ))}
        </ol>
      )}
      {(offset > 0 || items.length > pageSize) && (
        <nav className="pager" aria-label="History pages">
          <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - pageSize))}>
            ← Newer
          </button>
          <button type="button" disabled={items.length <= pageSize} onClick={() => setOffset(offset + pageSize)}>
            Older →
          </button>
        </nav>
      )}
      {!history.data && history.loading && <p className="muted">Loading changes…</p>}
    </section>
  );
}
