import { Link } from 'react-router-dom';
import { ErrorMessage } from '../core/ErrorMessage';
import { useApi } from '../core/useApi';
import type { HostPolicy } from './types';
import { installsText, windowText } from './windowText';
import { WindowTimes } from './WindowTimes';

/** The host page's patching facts: its policy, through which assignment, and its next patch and reboot windows. */
export function HostPolicySection({ hostId }: { hostId: number }) {
  const state = useApi<HostPolicy>(`/hosts/${hostId}/policy`);
  const data = state.data;
  return (
    <section className="host-policy" aria-labelledby="host-policy-title" data-testid="host-policy">
      <h2 id="host-policy-title">Patching</h2>
      <ErrorMessage error={state.error} />
      {!data && state.loading && <p className="muted">Loading the patching policy…</p>}
      {data && !data.policy && <p data-testid="host-policy-none">No policy: patched by hand.</p>}
      {data?.policy && (
        <dl className="facts">
          <dt>Policy</dt>
          <dd data-testid="host-policy-name">
            <Link to={`/policies/${data.policy.id}`}>{data.policy.name}</Link> ({data.policy.mode}, {installsText[data.policy.installs]})
          </dd>
          <dt>Because</dt>
          <dd data-testid="host-policy-via">
            {data.via ? (data.via.tag ? `it is tagged ${data.via.tag} at ${data.via.customer.name}` : `it belongs to ${data.via.customer.name}`) : '—'}
          </dd>
          <dt>Next patch window</dt>
          <dd>
            <WindowTimes window={data.nextPatchWindow} timeZone={data.policy.timeZone} testId="host-next-patch" />
            <div className="muted">{windowText(data.policy.patchWindow, data.policy.timeZone)}</div>
          </dd>
          <dt>Next reboot window</dt>
          <dd>
            <WindowTimes window={data.nextRebootWindow} timeZone={data.policy.timeZone} testId="host-next-reboot" />
            <div className="muted">{windowText(data.policy.rebootWindow, data.policy.timeZone)}</div>
          </dd>
        </dl>
      )}
    </section>
  );
}
