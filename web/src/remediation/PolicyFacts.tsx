import type { Policy } from './types';
import { deadlineText, installsText, modeText, windowText } from './windowText';

/** What a policy says, in words. */
export function PolicyFacts({ policy }: { policy: Policy }) {
  return (
    <dl className="facts" data-testid="policy-facts">
      <dt>Mode</dt>
      <dd>{modeText(policy.mode)}</dd>
      <dt>Patch window</dt>
      <dd data-testid="policy-patch-window">{windowText(policy.patchWindow, policy.timeZone)}</dd>
      <dt>Reboot window</dt>
      <dd data-testid="policy-reboot-window">{windowText(policy.rebootWindow, policy.timeZone)}</dd>
      <dt>Installs</dt>
      <dd>{installsText[policy.installs]}</dd>
      <dt>Deadline</dt>
      <dd>{policy.mode === 'automatic' ? `overdue ${deadlineText(policy.deadlineMs)}` : <span className="muted">none: nothing waits for a window</span>}</dd>
    </dl>
  );
}
