import { useState } from 'react';
import { withQuery } from '../core/api';
import { ErrorMessage } from '../core/ErrorMessage';
import { Pager } from '../core/Pager';
import type { Page } from '../core/types';
import { useApi } from '../core/useApi';
import { HistoryRunItem } from './HistoryRunItem';
import type { HistoryRun } from './types';

const pageSize = 20;

export function HostHistory({ hostId, hostArch }: { hostId: number; hostArch: string | null }) {
  const [offset, setOffset] = useState(0);
  const history = useApi<Page<HistoryRun>>(withQuery(`/hosts/${hostId}/history`, { limit: pageSize, offset }));

  return (
    <div data-testid="host-history">
      <ErrorMessage error={history.error} />
      {history.data?.total === 0 && <p className="empty">No package changes recorded yet.</p>}
      {history.data && history.data.total > 0 && (
        <>
          <ol className={history.loading ? 'runs busy' : 'runs'} aria-busy={history.loading}>
            {history.data.items.map((run) => (
              <HistoryRunItem key={run.id} run={run} hostArch={hostArch} />
            ))}
          </ol>
          <Pager label="History pages" offset={offset} limit={pageSize} total={history.data.total} onChange={setOffset} />
        </>
      )}
      {!history.data && history.loading && <p className="muted">Loading history…</p>}
    </div>
  );
}
