// Patching policies: defining them, assigning them to customers and customers' tags, and which one each host
// follows. Resolution, for every host: among the assignments of its customer, a tag's assignment beats the
// customer-wide one (most specific wins); when several of the host's tags have one, the tag whose name sorts first
// (code-point order, as JavaScript sorts strings) decides, so the answer never depends on row order; a host with
// none, or with no customer, has no policy (it is patched by hand).
//
// What other modules call (stable; see src/remediation/index.ts):
//   policyOfHosts(hostIds)               → Map<hostId, ResolvedPolicy | null>, one entry per id asked (unscoped)
//   policiesFor(hosts)                   → the same for hosts whose customer and tags are known already
//   nextWindow(policy, 'patch'|'reboot', after) → Window | null (null: the policy names no such window)
//   awaitingUntil(policy, exposureOpenedAt)     → Date | null (end of the first patch window ending after the
//                                                 exposure opened, plus the deadline; null for manual policies)
//   listPolicies(scope)                  → PolicyView[] (customer users: the policies assigned to their customer)
import { AppError, notFound, unprocessable } from '../../core/errors.js';
import { type Scope, unscoped } from '../../core/auth/permissions.js';
import { nowIso } from '../../core/db/columns.js';
import type { InventoryService } from '../../inventory/index.js';
import { deadlineText, type Installs, type PolicyDefinition, type PolicyInput, type PolicyMode, validateDefinition } from './definition.js';
import type { PolicyRow, PolicyStore, PolicyValues } from './store.js';
import { awaitingUntil, policyWindow } from './timing.js';
import { type Window, type WindowRule, windowsBetween } from './windows.js';

export interface Policy {
  id: number;
  name: string;
  mode: PolicyMode;
  timeZone: string;
  installs: Installs;
  patchWindow: WindowRule | null;
  rebootWindow: WindowRule | null;
  deadlineMs: number;
}

/** What resolving a host's policy needs of it. */
export interface PolicyHost {
  id: number;
  customerId: number | null;
  /** For `via`; left empty when not given. */
  customerName?: string | null;
  tags: string[];
}

export interface CustomerRef {
  id: number;
  name: string;
}

/** Through which assignment a host follows its policy. */
export interface PolicyVia {
  customer: CustomerRef;
  /** Null: the customer-wide assignment. */
  tag: string | null;
}

export interface ResolvedPolicy extends Policy {
  via: PolicyVia;
}

export interface PolicyView extends Policy {
  /** The deadline as text: 2d, 12h, 0m. */
  deadline: string;
  /** Customer users see their own customer's assignments only. */
  assignments: PolicyVia[];
  createdAt: string;
  updatedAt: string;
}

export interface WindowView {
  start: string;
  end: string;
}

export interface PolicyDetail extends PolicyView {
  /** The next windows of each kind, the first one possibly in progress. */
  upcoming: { patch: WindowView[]; reboot: WindowView[] };
}

export interface HostPolicy {
  policy: PolicyView | null;
  via: PolicyVia | null;
  nextPatchWindow: WindowView | null;
  nextRebootWindow: WindowView | null;
}

/** Where an assignment applies: a customer by id or by name (or alias), and optionally one of its tags. */
export interface AssignmentTarget {
  customer: number | string;
  tag?: string | null;
}

export const windowView = (w: Window): WindowView => ({ start: w.start.toISOString(), end: w.end.toISOString() });
const year = 366 * 86_400_000;

export class PolicyService {
  constructor(
    private readonly store: PolicyStore,
    private readonly inventory: InventoryService,
  ) {}

  // ---- defining ----

  async create(input: PolicyInput): Promise<PolicyView> {
    const definition = validateDefinition(input);
    await this.requireFreeName(definition.name);
    const at = nowIso();
    const row = await this.store.insertPolicy({ ...valuesOf(definition), updated_at: at }, at);
    return this.viewOne(unscoped, row);
  }

  /** Replaces the whole definition; the assignments stay. */
  async update(id: number, input: PolicyInput): Promise<PolicyView> {
    const row = await this.requirePolicy(id);
    const definition = validateDefinition(input);
    if (definition.name !== row.name) await this.requireFreeName(definition.name);
    await this.store.updatePolicy(id, { ...valuesOf(definition), updated_at: nowIso() });
    return this.viewOne(unscoped, await this.requirePolicy(id));
  }

  /** Refused while the policy is assigned: its hosts would silently fall back to manual patching. */
  async remove(id: number): Promise<void> {
    const row = await this.requirePolicy(id);
    const [view] = await this.views(unscoped, [row]);
    if (view!.assignments.length > 0) {
      throw new AppError('conflict', `policy ${row.name} is still assigned to ${view!.assignments.map(viaText).join('; ')}: unassign it first`, { assignments: view!.assignments });
    }
    await this.store.deletePolicy(id);
  }

  // ---- reading ----

  async listPolicies(scope: Scope): Promise<PolicyView[]> {
    return this.views(scope, await this.store.listPolicies(scope.customerId));
  }

  /** One policy with its next `count` windows of each kind; customer users see only policies assigned to them. */
  async get(scope: Scope, id: number, count = 3, now = new Date()): Promise<PolicyDetail> {
    const row = await this.store.policyById(id);
    const view = row && (await this.viewOne(scope, row));
    if (!view || (scope.customerId !== null && view.assignments.length === 0)) throw notFound(`policy ${id}`);
    const upcoming = (rule: WindowRule | null) => (rule ? windowsBetween(rule, view.timeZone, now, new Date(now.getTime() + year), count).map(windowView) : []);
    return { ...view, upcoming: { patch: upcoming(view.patchWindow), reboot: upcoming(view.rebootWindow) } };
  }

  async idOf(name: string): Promise<number> {
    const row = await this.store.policyByName(name.trim());
    if (!row) throw notFound(`policy ${name}`);
    return row.id;
  }

  /** A host's policy and its next windows; customer users may ask for their own hosts only. */
  async hostPolicy(scope: Scope, hostId: number, now = new Date()): Promise<HostPolicy> {
    await this.inventory.getHost(scope, hostId);
    const resolved = (await this.policyOfHosts([hostId])).get(hostId) ?? null;
    if (!resolved) return { policy: null, via: null, nextPatchWindow: null, nextRebootWindow: null };
    const { via, ...policy } = resolved;
    const row = await this.requirePolicy(policy.id);
    const next = (kind: 'patch' | 'reboot') => {
      const w = policyWindow(policy, kind, now);
      return w && windowView(w);
    };
    return { policy: await this.viewOne(scope, row), via, nextPatchWindow: next('patch'), nextRebootWindow: next('reboot') };
  }

  // ---- assigning ----

  async assign(policyId: number, target: AssignmentTarget): Promise<PolicyView> {
    const row = await this.requirePolicy(policyId);
    const { customer, tag } = await this.resolveTarget(target);
    const existing = await this.store.assignmentAt(customer.id, tag);
    if (existing && existing.policy_id !== policyId) {
      const other = await this.requirePolicy(existing.policy_id);
      throw new AppError('conflict', `${viaText({ customer, tag })} already follows policy ${other.name}: unassign it first`, { policy: other.name });
    }
    if (!existing) await this.store.insertAssignment(policyId, customer.id, tag, nowIso());
    return this.viewOne(unscoped, row);
  }

  async unassign(policyId: number, target: AssignmentTarget): Promise<void> {
    const row = await this.requirePolicy(policyId);
    const { customer, tag } = await this.resolveTarget(target);
    const existing = await this.store.assignmentAt(customer.id, tag);
    if (!existing || existing.policy_id !== policyId) throw notFound(`an assignment of policy ${row.name} to ${viaText({ customer, tag })}`);
    await this.store.deleteAssignment(existing.id);
  }

  /** The customer named, and the tag, which must be one of that customer's. */
  private async resolveTarget(target: AssignmentTarget): Promise<PolicyVia> {
    const customer = typeof target.customer === 'number' ? await this.customerById(target.customer) : await this.inventory.requireCustomer(target.customer);
    const tag = target.tag?.trim() || null;
    if (tag === null) return { customer, tag };
    const own = await this.inventory.listTags(unscoped, customer.id);
    if (own.some((t) => t.name === tag)) return { customer, tag };
    const owners = (await this.inventory.listTags(unscoped)).filter((t) => t.name === tag).map((t) => t.customerName);
    const elsewhere = owners.length > 0 ? `: "${tag}" is a tag of ${owners.join(', ')}, and an assignment's tag must be its own customer's` : '';
    throw unprocessable(`tag: customer ${customer.name} has no tag "${tag}"${elsewhere}`, { field: 'tag' });
  }

  private async customerById(id: number): Promise<CustomerRef> {
    const name = (await this.inventory.customerNames([id])).get(id);
    if (name === undefined) throw unprocessable(`customer: no customer has id ${id}`, { field: 'customer' });
    return { id, name };
  }

  // ---- what other modules call ----

  async policyOfHosts(hostIds: number[]): Promise<Map<number, ResolvedPolicy | null>> {
    const out = new Map<number, ResolvedPolicy | null>(hostIds.map((id) => [id, null]));
    for (const [id, policy] of await this.policiesFor(await this.inventory.hostLabels(hostIds))) out.set(id, policy);
    return out;
  }

  /** The same for hosts whose customer and tags the caller has read already (reports have): no host is read again. */
  async policiesFor(hosts: PolicyHost[]): Promise<Map<number, ResolvedPolicy | null>> {
    const out = new Map<number, ResolvedPolicy | null>(hosts.map((h) => [h.id, null]));
    const customerIds = [...new Set(hosts.flatMap((h) => (h.customerId === null ? [] : [h.customerId])))];
    const byCustomer = new Map<number, { all?: Policy; tags: Map<string, Policy> }>();
    const parsed = new Map<number, Policy>();
    for (const r of await this.store.assignmentsTo(customerIds)) {
      const policy = parsed.get(r.id) ?? policyOf(r);
      parsed.set(r.id, policy);
      const entry = byCustomer.get(r.assignedCustomer) ?? { tags: new Map<string, Policy>() };
      if (r.assignedTag === null) entry.all = policy;
      else entry.tags.set(r.assignedTag, policy);
      byCustomer.set(r.assignedCustomer, entry);
    }
    for (const h of hosts) {
      const entry = h.customerId === null ? undefined : byCustomer.get(h.customerId);
      if (!entry) continue;
      const tag = h.tags.filter((t) => entry.tags.has(t)).sort()[0];
      const policy = tag === undefined ? entry.all : entry.tags.get(tag);
      if (policy) out.set(h.id, { ...policy, via: { customer: { id: h.customerId!, name: h.customerName ?? '' }, tag: tag ?? null } });
    }
    return out;
  }

  nextWindow = policyWindow;
  awaitingUntil = awaitingUntil;

  // ---- helpers ----

  private async requirePolicy(id: number): Promise<PolicyRow> {
    const row = await this.store.policyById(id);
    if (!row) throw notFound(`policy ${id}`);
    return row;
  }

  private async requireFreeName(name: string): Promise<void> {
    if (await this.store.policyByName(name)) throw new AppError('conflict', `a policy named ${name} already exists`, { field: 'name' });
  }

  private async viewOne(scope: Scope, row: PolicyRow): Promise<PolicyView> {
    return (await this.views(scope, [row]))[0]!;
  }

  private async views(scope: Scope, rows: PolicyRow[]): Promise<PolicyView[]> {
    const assignments = (await this.store.assignmentsOf(rows.map((r) => r.id))).filter((a) => scope.customerId === null || a.customer_id === scope.customerId);
    const names = await this.inventory.customerNames([...new Set(assignments.map((a) => a.customer_id))]);
    return rows.map((r) => ({
      ...policyOf(r),
      deadline: deadlineText(r.deadline_minutes * 60_000),
      assignments: assignments.filter((a) => a.policy_id === r.id).map((a) => ({ customer: { id: a.customer_id, name: names.get(a.customer_id) ?? '' }, tag: a.tag })),
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    }));
  }
}

const viaText = (via: PolicyVia) => (via.tag === null ? `customer ${via.customer.name}` : `customer ${via.customer.name} tag ${via.tag}`);

const rule = (json: string | null): WindowRule | null => (json === null ? null : (JSON.parse(json) as WindowRule));

function policyOf(r: PolicyRow): Policy {
  return { id: r.id, name: r.name, mode: r.mode, timeZone: r.time_zone, installs: r.installs, patchWindow: rule(r.patch_window), rebootWindow: rule(r.reboot_window), deadlineMs: r.deadline_minutes * 60_000 };
}

function valuesOf(d: PolicyDefinition): Omit<PolicyValues, 'updated_at'> {
  return {
    name: d.name,
    mode: d.mode,
    time_zone: d.timeZone,
    installs: d.installs,
    patch_window: d.patchWindow && JSON.stringify(d.patchWindow),
    reboot_window: d.rebootWindow && JSON.stringify(d.rebootWindow),
    deadline_minutes: d.deadlineMs / 60_000,
  };
}
