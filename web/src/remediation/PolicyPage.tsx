import { Link, useParams } from 'react-router-dom';
import { useUser } from '../core/auth';
import { ErrorMessage } from '../core/ErrorMessage';
import { Timestamp } from '../core/Timestamp';
import { staffRoles } from '../core/types';
import { useApi } from '../core/useApi';
import { useTitle } from '../core/useTitle';
import { AssignmentsSection } from './AssignmentsSection';
import { DeletePolicyButton } from './DeletePolicyButton';
import { PolicyFacts } from './PolicyFacts';
import { viewerTimeZone } from './timeText';
import type { PolicyDetail, TimeWindow } from './types';
import { WindowTimes } from './WindowTimes';

/** One policy: what it says, its next windows (in its time zone and the viewer's), and where it applies. */
export function PolicyPage() {
  const { id = '' } = useParams();
  const user = useUser();
  const canEdit = staffRoles.includes(user.role);
  const policy = useApi<PolicyDetail>(`/policies/${encodeURIComponent(id)}?windows=5`);
  const p = policy.data;
  useTitle(p ? `Policy ${p.name}` : 'Policy');

  return (
    <section>
      <p className="breadcrumb">
        <Link to="/policies">← Patching policies</Link>
      </p>
      <ErrorMessage error={policy.error} />
      {!p && policy.loading && <p className="muted">Loading the policy…</p>}
      {p && (
        <>
          <header className="host-header">
            <div className="section-head">
              <h1 data-testid="policy-name">
                {p.name} <span className="badge">{p.mode}</span>
              </h1>
              {canEdit && (
                <span className="confirm">
                  <Link className="button-link" to={`/policies/${p.id}/edit`} data-testid="policy-edit">
                    Edit
                  </Link>
                  <DeletePolicyButton policy={p} />
                </span>
              )}
            </div>
            <PolicyFacts policy={p} />
            <p className="muted">
              Changed <Timestamp iso={p.updatedAt} />.
            </p>
          </header>
          <h2>Next windows</h2>
          <p className="muted">
            Times as the hosts&apos; clock shows them ({p.timeZone}){viewerTimeZone() !== p.timeZone && ', and on yours'}.
          </p>
          <div className="window-columns">
            <UpcomingList title="Patching" windows={p.upcoming.patch} timeZone={p.timeZone} testId="upcoming-patch" />
            <UpcomingList title="Rebooting" windows={p.upcoming.reboot} timeZone={p.timeZone} testId="upcoming-reboot" />
          </div>
          <AssignmentsSection policy={p} canEdit={canEdit} onChanged={policy.reload} />
        </>
      )}
    </section>
  );
}

function UpcomingList({ title, windows, timeZone, testId }: { title: string; windows: TimeWindow[]; timeZone: string; testId: string }) {
  return (
    <section aria-label={`Next ${title.toLowerCase()} windows`}>
      <h3>{title}</h3>
      {windows.length === 0 ? (
        <p className="muted">No such window.</p>
      ) : (
        <ol className="windows" data-testid={testId}>
          {windows.map((w) => (
            <li key={w.start} data-testid="upcoming-window">
              <WindowTimes window={w} timeZone={timeZone} />
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
