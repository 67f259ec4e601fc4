// Remediation marks: adding them (for hosts one by one or in bulk, or for a customer or a customer's tag), removing
// them (recorded, never erased), and which mark speaks for a host: the most specific in force — a host's own over a
// customer's tag over the customer — and among equals the newest. Wider marks cover hosts that join later, because
// they are matched when asked, not copied onto hosts.
import { AppError, notFound, unprocessable } from '../../core/errors.js';
import { nowIso } from '../../core/db/columns.js';
import type { Scope } from '../../core/auth/permissions.js';
import type { InventoryService } from '../../inventory/index.js';
import type { AdvisoryService } from '../../advisories/index.js';
import { markStates, type MarkScopeKind, type MarkState } from './schema.js';
import type { MarkRow, MarkStore, NewMark } from './store.js';
import { groupBy } from '../../core/group-by.js';

export type MarkTarget = { hosts: number[] } | { customer: number; tag?: string };

export interface NewMarks {
  advisory: string;
  state: MarkState;
  justification: string;
  /** ISO 8601; must be in the future. */
  expiresAt?: string;
  target: MarkTarget;
}

/** The host a mark may speak for: its customer and tags decide which wider marks apply. */
export interface MarkedHost {
  id: number;
  customerId: number | null;
  tags: string[];
}

const specificity = { host: 3, 'customer-tag': 2, customer: 1 } as const;

export class MarkService {
  constructor(
    readonly store: MarkStore,
    private readonly inventory: InventoryService,
    private readonly advisories: AdvisoryService,
  ) {}

  async add(by: string, m: NewMarks, now = new Date()): Promise<MarkRow[]> {
    if (!(markStates as readonly string[]).includes(m.state)) throw unprocessable(`state: expected one of ${markStates.join(', ')}, got ${JSON.stringify(m.state)}`);
    const justification = m.justification.trim();
    if (!justification || justification.length > 2000) throw unprocessable('justification: say why, in 1–2000 characters');
    if (m.expiresAt !== undefined && !(Date.parse(m.expiresAt) > now.getTime())) throw unprocessable(`expiresAt: ${m.expiresAt} is not in the future`);
    await this.advisories.detail(m.advisory); // 404 for an advisory Steward does not know
    const base = { advisory: m.advisory, state: m.state, justification, created_by: by, created_at: now.toISOString(), expires_at: m.expiresAt ? new Date(m.expiresAt).toISOString() : null };
    const marks: NewMark[] = [];
    if ('hosts' in m.target) {
      const ids = [...new Set(m.target.hosts)];
      if (ids.length === 0 || ids.length > 10_000) throw unprocessable('hosts: name 1–10000 hosts');
      const hosts = new Map((await this.inventory.hostLabels(ids)).map((h) => [h.id, h]));
      const missing = ids.find((id) => !hosts.has(id));
      if (missing !== undefined) throw notFound(`host ${missing}`);
      for (const id of ids) marks.push({ ...base, scope: 'host', host_id: id, customer_id: hosts.get(id)!.customerId, tag: null });
    } else {
      const { customer, tag } = m.target;
      if (!(await this.inventory.customerExists(customer))) throw notFound(`customer ${customer}`);
      if (tag !== undefined) {
        const tags = await this.inventory.listTags({ customerId: null }, customer);
        if (!tags.some((t) => t.name === tag)) throw unprocessable(`tag: customer ${customer} has no tag ${JSON.stringify(tag)} (a mark may name only the customer's own tags)`);
      }
      marks.push({ ...base, scope: tag === undefined ? 'customer' : 'customer-tag', host_id: null, customer_id: customer, tag: tag ?? null });
    }
    return this.store.transaction((tx) => tx.insert(marks));
  }

  async remove(by: string, id: number): Promise<MarkRow> {
    const mark = await this.store.find(id);
    if (!mark) throw notFound(`mark ${id}`);
    if (mark.removed_at !== null) throw new AppError('conflict', `mark ${id} was removed already (by ${mark.removed_by} at ${mark.removed_at})`);
    const removed = await this.store.transaction((tx) => tx.remove(id, by, nowIso()));
    if (!removed) throw new AppError('conflict', `mark ${id} was removed meanwhile`);
    return removed;
  }

  /** Marks a caller may see: customer users only their customer's. */
  list(scope: Scope, f: { advisory?: string; hostId?: number; scope?: MarkScopeKind; includeRemoved?: boolean }) {
    return this.store.list({ ...f, customerIds: scope.customerId === null ? null : [scope.customerId] });
  }

  async audit(scope: Scope, markId: number) {
    const mark = await this.store.find(markId);
    if (!mark || (scope.customerId !== null && mark.customer_id !== scope.customerId)) throw notFound(`mark ${markId}`);
    return (await this.store.auditOf([markId])).map((a) => ({ ...a, mark: JSON.parse(a.mark) as MarkRow }));
  }

  /** For each (advisory, host) asked, the mark in force that speaks for the host on the advisory, if any (input order). */
  async marksFor(items: (MarkedHost & { advisory: string })[], at = new Date()): Promise<(MarkRow | undefined)[]> {
    const byAdvisory = groupBy(await this.store.active([...new Set(items.map((i) => i.advisory))], at.toISOString()), (m) => m.advisory);
    return items.map((h) => {
      let best: MarkRow | undefined;
      for (const m of byAdvisory.get(h.advisory) ?? []) {
        const applies =
          m.scope === 'host' ? m.host_id === h.id : m.customer_id === h.customerId && (m.scope === 'customer' || (m.tag !== null && h.tags.includes(m.tag)));
        if (applies && (!best || specificity[m.scope] > specificity[best.scope] || (specificity[m.scope] === specificity[best.scope] && m.id > best.id))) best = m;
      }
      return best;
    });
  }
}
