// The inventory's rules: how a report changes a host, who sees which hosts, how a host list is imported.
import { createHash } from 'node:crypto';
import { AppError, notFound } from '../core/errors.js';
import type { EventBus } from '../core/events.js';
import type { Scope } from '../core/auth/permissions.js';
import { nowIso } from '../core/db/columns.js';
import type { HostReport, ReportedPackage } from './report.js';
import { describeChanges, diffIds, type PackageChanges } from './diff.js';
import { nextSet } from './package-set.js';
import { type HostFilter, type HostRow, type HostSort, type InventoryStore, type Page, packageKey } from './store.js';
import './events.js';

export interface HostSummary extends Omit<HostRow, 'customerId' | 'customerName' | 'attributes'> {
  customer: { id: number; name: string } | null;
  tags: string[];
}

export interface HostDetail extends HostSummary {
  attributes: Record<string, string>;
}

export interface IngestResult {
  hostId: number;
  created: boolean;
  packagesChanged: boolean;
  run?: { id: number; kind: 'initial' | 'change'; added: number; removed: number; upgraded: number };
}

/** Package-version ids never change once written, so any replica may cache them; bounded to keep memory flat. */
const maxCachedVersions = 500_000;

export class InventoryService {
  private readonly versionIds = new Map<string, number>();

  constructor(
    readonly store: InventoryStore,
    private readonly events: EventBus,
  ) {}

  // ---- reports ----

  async ingest(report: HostReport): Promise<IngestResult> {
    const { host, packages } = report;
    const customer = host.customer ? await this.requireCustomer(host.customer) : undefined;
    const keys = packages.map(packageKey);
    const digest = createHash('sha256').update(keys.join('\n')).digest('hex');
    const at = nowIso();
    const learned: [string, number][] = [];

    const result = await this.store.transaction(async (tx): Promise<IngestResult> => {
      const existing = await tx.findHostForIdentity(host.name, host.machineId, true);
      const fields = hostFields(host, existing?.host_key, at, customer?.id);
      const hostId = existing ? existing.id : await tx.insertHost({ ...fields, first_seen: at });
      const { packagesHash } = await tx.lockHost(hostId);
      if (packagesHash === digest) {
        await tx.updateHost(hostId, fields);
        return { hostId, created: !existing, packagesChanged: false };
      }
      const ids = await this.versionIdsFor(tx, packages, keys, learned);
      const previous = await tx.packageSet(hostId);
      const { addIds, removeIds } = diffIds(ids, previous.ids);
      await tx.savePackageSet(hostId, nextSet(previous, ids, new Date(at)));
      // The first report is the baseline: its packages are the host's packages, listing them again as "added"
      // would double the biggest write of all for no information.
      const kind = packagesHash === null ? 'initial' : 'change';
      let counts = { added: addIds.length, removed: 0, upgraded: 0 };
      let changes: PackageChanges['changes'] = [];
      if (kind === 'change') {
        const byId = new Map(ids.map((id, i) => [id, packages[i]!]));
        ({ changes, ...counts } = describeChanges(addIds.map((id) => byId.get(id)!), await tx.packageVersions(removeIds)));
      }
      const runId = await tx.insertRun({ hostId, at, kind, ...counts }, changes);
      await tx.updateHost(hostId, { ...fields, packages_hash: digest, package_count: packages.length });
      return { hostId, created: !existing, packagesChanged: true, run: { id: runId, kind, ...counts } };
    });

    // Only after commit: an id from a rolled-back transaction must never be cached.
    if (this.versionIds.size + learned.length > maxCachedVersions) this.versionIds.clear();
    for (const [key, id] of learned) this.versionIds.set(key, id);
    this.events.emit('inventory.hostReported', { hostId: result.hostId, packagesChanged: result.packagesChanged, at });
    return result;
  }

  /** The package-version id of every package (aligned with `packages`), inserting tuples never seen before. */
  private async versionIdsFor(tx: InventoryStore, packages: ReportedPackage[], keys: string[], learned: [string, number][]) {
    const ids: number[] = new Array<number>(packages.length);
    const missing: number[] = [];
    keys.forEach((key, i) => {
      const id = this.versionIds.get(key);
      if (id === undefined) missing.push(i);
      else ids[i] = id;
    });
    if (missing.length > 0) {
      const found = await tx.ensurePackageVersions(missing.map((i) => packages[i]!));
      for (const i of missing) {
        const id = found.get(keys[i]!)!;
        ids[i] = id;
        learned.push([keys[i]!, id]);
      }
    }
    return ids;
  }

  /** Marks hosts silent since before `now - absentAfterMs` as absent; returns their ids. */
  async markAbsent(absentAfterMs: number, now = Date.now()): Promise<number[]> {
    const hostIds = await this.store.markAbsent(new Date(now - absentAfterMs).toISOString());
    if (hostIds.length > 0) this.events.emit('inventory.hostsAbsent', { hostIds, at: new Date(now).toISOString() });
    return hostIds;
  }

  // ---- hosts ----

  async listHosts(scope: Scope, filter: HostFilter, sort: HostSort, order: 'asc' | 'desc', page: Page) {
    const { rows, total } = await this.store.listHosts(scope, filter, sort, order, page);
    const tags = await this.store.tagsOf(rows.map((r) => r.id));
    return { items: rows.map((r) => toSummary(r, tags.get(r.id) ?? [])), total };
  }

  async getHost(scope: Scope, id: number): Promise<HostDetail> {
    const row = await this.store.findHost(scope, id);
    if (!row) throw notFound(`host ${id}`);
    const tags = await this.store.tagsOf([id]);
    return { ...toSummary(row, tags.get(id) ?? []), attributes: JSON.parse(row.attributes) as Record<string, string> };
  }

  async hostPackages(scope: Scope, id: number, q: string | undefined, page: Page) {
    await this.getHost(scope, id);
    return this.store.pageHostPackages(id, q, page);
  }

  async hostHistory(scope: Scope, id: number, page: Page) {
    await this.getHost(scope, id);
    const { runs, changes, total } = await this.store.history(id, page);
    return {
      total,
      items: runs.map((run) => ({
        ...run,
        changes: changes.filter((c) => c.runId === run.id).map(({ runId: _, ...c }) => c),
      })),
    };
  }

  facets = async (scope: Scope) => ({ releases: await this.store.releaseFacets(scope) });

  // ---- customers and tags ----

  async addCustomer(name: string, contacts: string | null, aliases: string[] = []) {
    const clean = name.trim();
    if (!clean || clean.length > 200) throw new AppError('unprocessable', 'name: 1–200 characters');
    if (await this.store.findCustomerByNameOrAlias(clean)) throw new AppError('conflict', `customer ${clean} already exists (as a name or alias)`);
    return this.store.transaction(async (tx) => {
      const id = await tx.insertCustomer(clean, contacts, nowIso());
      await this.addAliasesIn(tx, id, clean, aliases);
      return { id, name: clean };
    });
  }

  async addAliases(customerId: number, aliases: string[]): Promise<void> {
    const customer = await this.store.findCustomerById(customerId);
    if (!customer) throw notFound(`customer ${customerId}`);
    await this.store.transaction((tx) => this.addAliasesIn(tx, customer.id, customer.name, aliases));
  }

  private async addAliasesIn(tx: InventoryStore, id: number, name: string, aliases: string[]) {
    const unique = [...new Set(aliases.map((a) => a.trim()).filter((a) => a && a.toLowerCase() !== name.toLowerCase()))];
    for (const alias of unique) {
      if (alias.length > 200) throw new AppError('unprocessable', `alias ${alias.slice(0, 20)}…: at most 200 characters`);
      const other = await tx.findCustomerByNameOrAlias(alias);
      if (other) throw new AppError('conflict', `alias ${alias} already names customer ${other.name}`);
    }
    await tx.insertAliases(id, unique);
  }

  async removeAlias(alias: string): Promise<void> {
    if (!(await this.store.deleteAlias(alias))) throw notFound(`alias ${alias}`);
  }

  async listCustomers(scope: Scope) {
    const rows = await this.store.listCustomers(scope);
    const aliases = await this.store.aliasesOf(rows.map((r) => r.id));
    return rows.map((r) => ({ ...r, hostCount: Number(r.hostCount), aliases: aliases.get(r.id) ?? [] }));
  }

  async requireCustomer(nameOrAlias: string) {
    const customer = await this.store.findCustomerByNameOrAlias(nameOrAlias.trim());
    if (!customer) throw new AppError('unprocessable', `unknown customer "${nameOrAlias}": not the name or an alias of any customer`);
    return customer;
  }

  customerExists = async (id: number): Promise<boolean> => (await this.store.findCustomerById(id)) !== undefined;

  listTags = (scope: Scope, customerId?: number) => this.store.listTags(scope, customerId);
}

/** The host columns a report sets; what it does not say is left as it was. Parsers sort packages, so equal package
 *  sets give equal digests. */
function hostFields(host: HostReport['host'], existingKey: string | undefined, at: string, customerId: number | undefined) {
  return {
    name: host.name,
    host_key: host.machineId ? `mid:${host.machineId}` : existingKey ?? `name:${host.name}`,
    last_seen: at,
    present: 1,
    ...(customerId !== undefined ? { customer_id: customerId } : {}),
    ...definedOnly({
      architecture: host.architecture,
      os_id: host.osId,
      os_version: host.osVersion,
      os_codename: host.osCodename,
      kernel: host.kernel,
      machine_id: host.machineId,
      attributes: host.attributes ? JSON.stringify(host.attributes) : undefined,
    }),
  };
}

function definedOnly<T extends Record<string, unknown>>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function toSummary(r: HostRow, tags: string[]): HostSummary {
  const { customerId, customerName, attributes: _, ...rest } = r;
  return { ...rest, customer: customerId === null ? null : { id: customerId, name: customerName ?? '' }, tags };
}
