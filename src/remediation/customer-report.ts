// The customer's view: what hits its hosts (the advisories' customer report, with each host's state), what is
// scheduled (each policy's next patch and reboot windows, and its hosts), and what was done and when (fixes seen in
// reports, remediation marks), newest first. Written for people who do not run the hosts: the UI puts it in words.
import type { Scope } from '../core/auth/permissions.js';
import type { AdvisoryService } from '../advisories/index.js';
import type { InventoryService } from '../inventory/index.js';
import type { MarkService } from './marks/index.js';
import { type PolicyService, windowView } from './policies/service.js';
import { policyWindow } from './policies/timing.js';
import type { Window } from './policies/windows.js';

/** The newest this many things done are listed. */
const doneShown = 100;

export interface DoneItem {
  at: string;
  advisory: { id: string; title: string | null };
  /** Null for a mark on the whole customer or one of its tags. */
  host: { id: number; name: string } | null;
  tag: string | null;
  /** fixed: a report showed the fixed version; removed: the package went; else the state a mark set. */
  what: 'fixed' | 'removed' | 'patched' | 'compensated' | 'accepted-risk' | 'not-applicable';
  by: string | null;
  justification: string | null;
}

const nextWindowView = (w: Window | null) => w && windowView(w);

export class CustomerReports {
  constructor(
    private readonly inventory: InventoryService,
    private readonly advisories: AdvisoryService,
    private readonly policies: PolicyService,
    private readonly marks: MarkService,
  ) {}

  async report(scope: Scope, customerId: number, now = new Date()) {
    const exposure = await this.advisories.reports.customer(scope, customerId);
    const hosts = await this.inventory.hostLabels((await this.inventory.visibleHostIds({ customerId }))!);
    const policyOf = await this.policies.policiesFor(hosts);

    const schedule = new Map<number, { policy: { id: number; name: string; mode: string; installs: string; timeZone: string }; hosts: { id: number; name: string }[]; nextPatchWindow: ReturnType<typeof nextWindowView>; nextRebootWindow: ReturnType<typeof nextWindowView> }>();
    for (const h of [...hosts].sort((a, b) => a.name.localeCompare(b.name))) {
      const p = policyOf.get(h.id);
      if (!p) continue;
      let entry = schedule.get(p.id);
      if (!entry) {
        const policy = { id: p.id, name: p.name, mode: p.mode, installs: p.installs, timeZone: p.timeZone };
        schedule.set(p.id, (entry = { policy, hosts: [], nextPatchWindow: nextWindowView(policyWindow(p, 'patch', now)), nextRebootWindow: nextWindowView(policyWindow(p, 'reboot', now)) }));
      }
      entry.hosts.push({ id: h.id, name: h.name });
    }

    const titles = new Map(exposure.advisories.map((a) => [a.advisory.id, a.advisory.title]));
    const names = new Map(hosts.map((h) => [h.id, h.name]));
    const done: DoneItem[] = [];
    for (const a of exposure.advisories) {
      for (const h of a.hosts) {
        if (h.closedAt === null || (h.closeReason !== 'upgraded' && h.closeReason !== 'removed')) continue;
        done.push({ at: h.closedAt, advisory: { id: a.advisory.id, title: a.advisory.title }, host: { id: h.id, name: h.name }, tag: null, what: h.closeReason === 'upgraded' ? 'fixed' : 'removed', by: null, justification: null });
      }
    }
    for (const m of await this.marks.list({ customerId }, {})) {
      const host = m.host_id === null ? null : { id: m.host_id, name: names.get(m.host_id) ?? `host ${m.host_id}` };
      done.push({ at: m.created_at, advisory: { id: m.advisory, title: titles.get(m.advisory) ?? null }, host, tag: m.tag, what: m.state, by: m.created_by, justification: m.justification });
    }
    done.sort((x, y) => y.at.localeCompare(x.at));

    return {
      ...exposure,
      generatedAt: now.toISOString(),
      hostsWithoutPolicy: hosts.filter((h) => !policyOf.get(h.id)).length,
      schedule: [...schedule.values()].sort((a, b) => a.policy.name.localeCompare(b.policy.name)),
      done: done.slice(0, doneShown),
    };
  }
}
