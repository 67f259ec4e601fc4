// What state a host is in on an advisory, for the advisory reports: its remediation mark speaks first (a `patched`
// mark is provisional until a report shows the fix, and contradicted when a report after it still shows the flaw);
// without a mark, a host under an automatic policy is awaiting its window until the window's end plus the deadline,
// and overdue after; otherwise it is open. A host with no exposure left is patched, by evidence.
import type { Classification, ClassifyInput, Classifier } from '../advisories/index.js';
import type { MarkService } from './marks/index.js';
import type { PolicyService, ResolvedPolicy } from './policies/service.js';

/** What classification needs of patching policies. */
export type PolicyLookup = Pick<PolicyService, 'policiesFor' | 'awaitingUntil'>;

export function remediationClassifier(marks: Pick<MarkService, 'marksFor'>, policies: PolicyLookup, now: () => Date = () => new Date()): Classifier {
  return async (inputs: ClassifyInput[]) => {
    const at = now();
    const [marked, policyOf] = await Promise.all([marks.marksFor(inputs, at), policies.policiesFor([...new Map(inputs.map((h) => [h.id, h])).values()])]);
    // Exposures open in bursts (an import, a host's report): one window search per policy and opening instant.
    const due = new Map<string, Date | null>();
    const awaitingUntil = (p: ResolvedPolicy, openedAt: string) => {
      const key = `${p.id}\u0000${openedAt}`;
      if (!due.has(key)) due.set(key, policies.awaitingUntil(p, new Date(openedAt)));
      return due.get(key)!;
    };
    return inputs.map((h, i): Classification => {
      const p = policyOf.get(h.id) ?? null;
      const policy = p && { id: p.id, name: p.name, mode: p.mode };
      const m = marked[i];
      const mark = m && { id: m.id, state: m.state, scope: m.scope, tag: m.tag, justification: m.justification, by: m.created_by, at: m.created_at, expiresAt: m.expires_at };
      // Closed by evidence: a report showed the fixed version (a `patched` mark, if any, is thereby confirmed).
      if (!h.open) return { policy, status: 'patched', mark: mark ?? null };
      if (m) {
        // A report after a `patched` mark that still shows the vulnerable version says the mark is wrong.
        const contradiction = m.state === 'patched' && h.lastSeen !== null && h.lastSeen > m.created_at;
        return { policy, status: m.state, mark, contradiction, provisional: m.state === 'patched' && !contradiction };
      }
      const until = p && p.mode === 'automatic' && h.openedAt ? awaitingUntil(p, h.openedAt) : null;
      if (until) return { policy, status: at < until ? 'awaiting-window' : 'overdue', awaitingUntil: until.toISOString() };
      return { policy, status: 'open' };
    });
  };
}
