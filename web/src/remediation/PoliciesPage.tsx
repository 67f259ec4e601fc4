import { Link } from 'react-router-dom';
import { useUser } from '../core/auth';
import { ErrorMessage } from '../core/ErrorMessage';
import { staffRoles } from '../core/types';
import { useApi } from '../core/useApi';
import { useTitle } from '../core/useTitle';
import type { Policy } from './types';
import { assignmentText, deadlineText, installsText, windowText } from './windowText';

/** Every patching policy: its mode, its windows in words, what it installs, its deadline and where it applies. */
export function PoliciesPage() {
  useTitle('Patching policies');
  const user = useUser();
  const canEdit = staffRoles.includes(user.role);
  const policies = useApi<{ items: Policy[] }>('/policies');
  const items = policies.data?.items ?? [];

  return (
    <section>
      <div className="section-head">
        <h1>Patching policies</h1>
        {canEdit && (
          <Link className="button-link primary" to="/policies/new" data-testid="policy-new">
            New policy
          </Link>
        )}
      </div>
      <p className="lead">
        {canEdit
          ? 'When hosts patch and reboot: each policy applies to a customer or to its hosts with a tag (a tag wins over the customer). A host under none is patched by hand.'
          : 'When your hosts install updates and restart. A host under no policy is patched by hand.'}
      </p>
      <ErrorMessage error={policies.error} />
      {!policies.data && policies.loading && <p className="muted">Loading policies…</p>}
      {policies.data && items.length === 0 && <p className="empty">{canEdit ? 'No policy yet: every host is patched by hand. Create one to schedule patching.' : 'No patching policy applies to your hosts: they are patched by hand.'}</p>}
      {items.length > 0 && (
        <div className="table-wrap">
          <table data-testid="policies-table" aria-busy={policies.loading}>
            <thead>
              <tr>
                <th scope="col">Policy</th>
                <th scope="col">Mode</th>
                <th scope="col">Patch window</th>
                <th scope="col">Reboot window</th>
                <th scope="col">Installs</th>
                <th scope="col">Deadline</th>
                <th scope="col">Applies to</th>
              </tr>
            </thead>
            <tbody>
              {items.map((p) => (
                <tr key={p.id} data-testid="policy-row">
                  <th scope="row" className="nowrap">
                    <Link to={`/policies/${p.id}`}>{p.name}</Link>
                  </th>
                  <td>{p.mode}</td>
                  <td data-testid="policy-row-patch">{windowText(p.patchWindow, p.timeZone)}</td>
                  <td data-testid="policy-row-reboot">{windowText(p.rebootWindow, p.timeZone)}</td>
                  <td>{installsText[p.installs]}</td>
                  <td>{p.mode === 'automatic' ? deadlineText(p.deadlineMs) : <span className="muted">—</span>}</td>
                  <td>{p.assignments.length === 0 ? <span className="muted">nothing yet</span> : p.assignments.map(assignmentText).join('; ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
