// The reports: who an advisory hits, per customer and patching policy (staff's view of one advisory), and what hits
// one customer, advisory by advisory (the customer's view). Both count each host once per advisory by its state; the
// states beyond open and patched (a policy's window, remediation marks) come from the classifier that another module
// plugs in — the advisories module knows exposures, not policies or marks.
import type { Scope } from '../core/auth/permissions.js';
import { notFound } from '../core/errors.js';
import type { InventoryService } from '../inventory/index.js';
import { rank } from './ratings.js';
import type { AdvisoryStore } from './store.js';
import { summaryOf } from './summary.js';
import { groupBy } from '../core/group-by.js';

/** A host's state on an advisory, as reports count it. */
export type HostStatus = 'open' | 'awaiting-window' | 'overdue' | 'patched' | 'compensated' | 'accepted-risk' | 'not-applicable';

/** What a classifier is told of a host with exposures of an advisory (open or closed). */
export interface ClassifyInput {
  advisory: string;
  id: number;
  customerId: number | null;
  tags: string[];
  lastSeen: string | null;
  /** Whether it has an open exposure; if so, since when (the earliest). */
  open: boolean;
  openedAt: string | null;
}

/** What a classifier says of it: its policy, its state, and what explains the state. */
export interface Classification {
  policy: { id: number; name: string; mode: string } | null;
  status: HostStatus;
  /** The remediation mark the state comes from, if any. */
  mark?: { id: number; state: string; scope: string; tag: string | null; justification: string; by: string; at: string; expiresAt: string | null } | null;
  /** Marked patched, but a report after the mark still shows the vulnerable version. */
  contradiction?: boolean;
  /** Marked patched, and no report since says otherwise: confirmed when a report shows the fix. */
  provisional?: boolean;
  /** Under an automatic policy: when the host is due to have patched (the window's end plus the deadline). */
  awaitingUntil?: string | null;
}

/** Classifies (advisory, host) pairs in one call, so a report over many advisories asks once: answers in input order. */
export type Classifier = (inputs: ClassifyInput[]) => Promise<Classification[]>;

/** Without remediation: no policies, no marks; an open exposure is open, a closed one patched. */
const unclassified = (h: ClassifyInput): Classification => ({ policy: null, status: h.open ? 'open' : 'patched' });

export interface ReportHost extends Classification {
  id: number;
  name: string;
  tags: string[];
  release: string | null;
  packages: { package: string; arch: string; installedVersion: string; fixedVersion: string | null; state: string; notRunning: boolean; openedAt: string }[];
}

const emptyCounts = () => ({
  affectedNow: 0,
  everAffected: 0,
  remediated: 0,
  open: 0,
  awaitingWindow: 0,
  overdue: 0,
  patched: 0,
  compensated: 0,
  acceptedRisk: 0,
  notApplicable: 0,
});
type Counts = ReturnType<typeof emptyCounts>;
const statusCount: Record<HostStatus, keyof Counts> = {
  open: 'open',
  'awaiting-window': 'awaitingWindow',
  overdue: 'overdue',
  patched: 'patched',
  compensated: 'compensated',
  'accepted-risk': 'acceptedRisk',
  'not-applicable': 'notApplicable',
};

/** Adds a host to its group's counts: ever affected; affected now or remediated (by evidence); its state. */
function count(c: Counts, status: HostStatus, open: boolean): void {
  c.everAffected++;
  if (open) c.affectedNow++;
  else c.remediated++;
  c[statusCount[status]]++;
}

function sumCounts(groups: Counts[]): Counts {
  const totals = emptyCounts();
  for (const g of groups) for (const k of Object.keys(totals) as (keyof Counts)[]) totals[k] += g[k];
  return totals;
}

interface CustomerGroup {
  customer: { id: number; name: string } | null;
  policies: (Counts & { policy: Classification['policy']; hosts: ReportHost[] })[];
}

export class AdvisoryReports {
  private classify: Classifier = async (inputs) => inputs.map(unclassified);

  constructor(
    private readonly store: AdvisoryStore,
    private readonly inventory: InventoryService,
  ) {}

  /** Lets another module say, per host, under which patching policy it is and what its state on an advisory is. */
  setClassifier(classify: Classifier): void {
    this.classify = classify;
  }

  /** Who an advisory hits now, per customer and patching policy, what state each host is in, and how much was remediated. */
  async advisory(scope: Scope, advisoryId: string) {
    const row = await this.store.findAdvisory(advisoryId);
    if (!row) throw notFound(`advisory ${advisoryId}`);
    const visible = await this.inventory.visibleHostIds(scope);
    const exposures = await this.store.exposuresOfAdvisory(row.id, visible);
    const labels = new Map((await this.inventory.hostLabels([...new Set(exposures.map((e) => e.hostId))])).map((h) => [h.id, h]));
    const byHost = groupBy(exposures, (e) => e.hostId);
    const inputs = [...byHost].map(([hostId, list]): ClassifyInput => {
      const h = labels.get(hostId)!;
      const open = list.filter((e) => e.closedAt === null);
      return { advisory: advisoryId, id: hostId, customerId: h.customerId, tags: h.tags, lastSeen: h.lastSeen, open: open.length > 0, openedAt: open.map((e) => e.openedAt).sort()[0] ?? null };
    });
    const classified = await this.classify(inputs);
    const customers = new Map<string, CustomerGroup>();
    for (const [i, input] of inputs.entries()) {
      const host = labels.get(input.id)!;
      const c = classified[i]!;
      const key = host.customerId === null ? '' : String(host.customerId);
      const group = customers.get(key) ?? { customer: host.customerId === null ? null : { id: host.customerId, name: host.customerName ?? '' }, policies: [] };
      customers.set(key, group);
      let policy = group.policies.find((p) => (p.policy?.id ?? null) === (c.policy?.id ?? null));
      if (!policy) group.policies.push((policy = { policy: c.policy, ...emptyCounts(), hosts: [] }));
      count(policy, c.status, input.open);
      if (input.open) {
        const packages = byHost.get(input.id)!.filter((e) => e.closedAt === null).map((e) => ({ package: e.package, arch: e.arch, installedVersion: e.installedVersion, fixedVersion: e.fixedVersion, state: e.state, notRunning: e.notRunning === 1, openedAt: e.openedAt }));
        policy.hosts.push({ id: host.id, name: host.name, tags: host.tags, release: host.release, packages, ...c });
      }
    }
    const groups = [...customers.values()].sort((a, b) => (a.customer?.name ?? '').localeCompare(b.customer?.name ?? ''));
    for (const g of groups) g.policies.sort((a, b) => (a.policy?.name ?? '\uffff').localeCompare(b.policy?.name ?? '\uffff'));
    const totals = sumCounts(groups.flatMap((g) => g.policies));
    return { advisory: summaryOf(row, []), ...totals, portionRemediated: totals.everAffected === 0 ? null : totals.remediated / totals.everAffected, customers: groups };
  }

  /**
   * What hits one customer's hosts, advisory by advisory: every advisory that ever did, with each host's state (the
   * worst first: overdue, then still open, then by rating), and what closed when. Customer users may ask for their own.
   */
  async customer(scope: Scope, customerId: number) {
    const name = (await this.inventory.customerNames([customerId])).get(customerId);
    if (name === undefined || (scope.customerId !== null && scope.customerId !== customerId)) throw notFound(`customer ${customerId}`);
    const hostIds = (await this.inventory.visibleHostIds({ customerId }))!;
    const exposures = await this.store.exposuresOfHosts(hostIds);
    const labels = new Map((await this.inventory.hostLabels([...new Set(exposures.map((e) => e.hostId))])).map((h) => [h.id, h]));
    const pairs = groupBy(exposures, (e) => `${e.advisory}\u0000${e.hostId}`);
    const inputs = [...pairs.values()].map((list): ClassifyInput & { closedAt: string | null; closeReason: string | null } => {
      const h = labels.get(list[0]!.hostId)!;
      const open = list.filter((e) => e.closedAt === null);
      const last = list.filter((e) => e.closedAt !== null).sort((a, b) => b.closedAt!.localeCompare(a.closedAt!))[0];
      return {
        advisory: list[0]!.advisory,
        id: h.id,
        customerId: h.customerId,
        tags: h.tags,
        lastSeen: h.lastSeen,
        open: open.length > 0,
        openedAt: (open.length > 0 ? open : list).map((e) => e.openedAt).sort()[0] ?? null,
        closedAt: open.length > 0 ? null : last?.closedAt ?? null,
        closeReason: open.length > 0 ? null : last?.closeReason ?? null,
      };
    });
    const classified = await this.classify(inputs);
    const byAdvisory = new Map<string, Counts & { advisory: ReturnType<typeof summaryOf>; hosts: CustomerReportHost[] }>();
    const rows = new Map(exposures.map((e) => [e.advisory, e.row]));
    for (const [i, input] of inputs.entries()) {
      let entry = byAdvisory.get(input.advisory);
      if (!entry) byAdvisory.set(input.advisory, (entry = { advisory: summaryOf(rows.get(input.advisory)!, []), ...emptyCounts(), hosts: [] }));
      const c = classified[i]!;
      count(entry, c.status, input.open);
      const host = labels.get(input.id)!;
      entry.hosts.push({ id: host.id, name: host.name, ...c, openedAt: input.openedAt, closedAt: input.closedAt, closeReason: input.closeReason });
    }
    const advisories = [...byAdvisory.values()].sort(
      (a, b) => b.overdue - a.overdue || b.affectedNow - a.affectedNow || rank(b.advisory.localRating?.rating ?? b.advisory.severity) - rank(a.advisory.localRating?.rating ?? a.advisory.severity) || a.advisory.id.localeCompare(b.advisory.id),
    );
    for (const a of advisories) a.hosts.sort((x, y) => x.name.localeCompare(y.name));
    const totals = sumCounts(advisories);
    return { customer: { id: customerId, name }, hosts: hostIds.length, totals, advisories };
  }
}

export interface CustomerReportHost extends Classification {
  id: number;
  name: string;
  openedAt: string | null;
  closedAt: string | null;
  /** Why the exposure closed: upgraded (the fix installed), removed (the package went), host-absent, advisory-withdrawn. */
  closeReason: string | null;
}
