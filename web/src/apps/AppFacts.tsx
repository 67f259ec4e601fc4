import { Timestamp } from '../core/Timestamp';
import type { AppSummary } from './types';

export function AppFacts({ app }: { app: AppSummary }) {
  return (
    <header className="host-header">
      <h1 data-testid="app-name">{app.app}</h1>
      <dl className="facts">
        <dt>App ID</dt>
        <dd className="mono">{app.appId}</dd>
        <dt>Hosts</dt>
        <dd>{app.hostCount}</dd>
        <dt>Records</dt>
        <dd>
          {app.recordCount} <span className="muted">(one per host and instance)</span>
        </dd>
        <dt>Last seen</dt>
        <dd>
          <Timestamp iso={app.lastSeen} format="full" />
        </dd>
      </dl>
    </header>
  );
}
