import { Link, useParams } from 'react-router-dom';
import { ErrorMessage } from '../core/ErrorMessage';
import { useApi } from '../core/useApi';
import { useTitle } from '../core/useTitle';
import { AppFacts } from './AppFacts';
import { AppHistory } from './AppHistory';
import { AppRecords } from './AppRecords';
import { SpreadSection } from './SpreadSection';
import type { AppSummary } from './types';
import { VersionsTable } from './VersionsTable';

export function AppPage() {
  const { appId = '' } = useParams();
  const app = useApi<AppSummary>(`/apps/${encodeURIComponent(appId)}`);
  useTitle(app.data?.app ?? 'App');

  return (
    <section>
      <p className="breadcrumb">
        <Link to="/apps">← Apps</Link>
      </p>
      <ErrorMessage error={app.error} />
      {!app.data && app.loading && <p className="muted">Loading app…</p>}
      {app.data && (
        <>
          <AppFacts app={app.data} />
          <h2>Versions</h2>
          <VersionsTable app={app.data} />
          <SpreadSection appId={app.data.appId} appName={app.data.app} />
          <AppRecords appId={app.data.appId} versions={app.data.versions} />
          <AppHistory appId={app.data.appId} />
        </>
      )}
    </section>
  );
}
