// The inventory's rules: how a report changes a host, who sees which hosts, how a host list is imported.
import { AppError, notFound, unprocessable } from '../core/errors.js';
import type { EventBus } from '../core/events.js';
import type { Scope } from '../core/auth/permissions.js';
import { nowIso } from '../core/db/columns.js';
import type { HostDelta, HostIdentity, HostReport, ReportedPackage } from './report.js';
import { describeChanges, diffIds } from './diff.js';
import { hasId, nextSet, type PackageSet } from './package-set.js';
import type { FoundHost, HostFilter, HostRow, HostSort, InventoryStore, Page } from './store.js';
import { digestOfKeys, packageKey } from './digest.js';
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
  /** The digest of the host's package set now: the `base` of the agent's next differential report. */
  digest: string;
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

  /** A full report: the host's whole package list. */
  async ingest(report: HostReport): Promise<IngestResult> {
    const { host, packages } = report;
    const customer = host.customer ? await this.requireCustomer(host.customer) : undefined;
    const keys = packages.map(packageKey);
    const digest = digestOfKeys(keys);
    return this.write(async (tx, learned, at) => {
      const existing = await tx.findHostForIdentity(host.name, host.machineId);
      const fields = hostFields(host, existing?.host_key, at, customer?.id);
      const { id: hostId, packagesHash } = existing ?? (await tx.insertHost({ ...fields, first_seen: at }));
      if (!existing || labelsMoved(existing, fields)) await tx.labelsChanged();
      if (packagesHash === digest) return this.unchanged(tx, hostId, !existing, fields, digest);
      const ids = await this.versionIdsFor(tx, packages, keys, learned);
      const change = { hostId, created: !existing, fields, at, ids, digest };
      if (packagesHash === null) {
        // The first report is the baseline: its packages are the host's packages, listing them again as "added"
        // would double the biggest write of all for no information.
        return this.saveChange(tx, { ...change, previous: { ids: [], since: [] }, arrived: packages, left: null });
      }
      const previous = await tx.packageSet(hostId);
      const { addIds, removeIds } = diffIds(ids, previous.ids);
      const byId = new Map(ids.map((id, i) => [id, packages[i]!]));
      const arrived = addIds.map((id) => byId.get(id)!);
      return this.saveChange(tx, { ...change, previous, arrived, left: await tx.packageVersions(removeIds) });
    });
  }

  /**
   * A differential report: applies `added`/`removed` to the set whose digest is `base`. A host whose current set is
   * not `base` (or that Steward does not know) gets 409, and the agent sends a full report instead.
   */
  async ingestDelta(delta: HostDelta): Promise<IngestResult> {
    const { host } = delta;
    const customer = host.customer ? await this.requireCustomer(host.customer) : undefined;
    return this.write(async (tx, learned, at) => {
      const existing = await tx.findHostForIdentity(host.name, host.machineId, { withPackageSet: true });
      if (!existing || existing.packagesHash !== delta.base) {
        const current = existing?.packagesHash ?? null;
        throw new AppError('conflict', `host ${host.name}: the differential report is based on another package set than Steward has; send a full report`, { current });
      }
      const fields = hostFields(host, existing.host_key, at, customer?.id);
      if (labelsMoved(existing, fields)) await tx.labelsChanged();
      if (delta.added.length === 0 && delta.removed.length === 0) {
        if (delta.digest !== delta.base) throw unprocessable('digest: an empty change cannot change the digest');
        return this.unchanged(tx, existing.id, false, fields, delta.digest);
      }
      const previous = existing.set!;
      const removedIds = await this.knownVersionIds(tx, delta.removed.map(packageKey));
      const missing = delta.removed.filter((p) => !hasId(previous, removedIds.get(packageKey(p)) ?? -1));
      if (missing.length > 0) throw unprocessable(`removed: the host does not have ${missing[0]!.name} ${missing[0]!.version} (${missing.length} such packages)`);
      const addedIds = await this.versionIdsFor(tx, delta.added, delta.added.map(packageKey), learned);
      const present = delta.added.filter((_, i) => hasId(previous, addedIds[i]!));
      if (present.length > 0) throw unprocessable(`added: the host already has ${present[0]!.name} ${present[0]!.version}`);
      const gone = new Set(removedIds.values());
      const ids = [...previous.ids.filter((id) => !gone.has(id)), ...addedIds];
      if (ids.length !== delta.count) throw unprocessable(`count: the change leaves ${ids.length} packages, the report says ${delta.count}`);
      const change = { hostId: existing.id, created: false, fields, at, previous, ids, arrived: delta.added, left: delta.removed, digest: delta.digest };
      return this.saveChange(tx, change);
    });
  }

  /** Runs `fn` in a transaction; afterwards caches the package-version ids it learned and announces the report. */
  private async write(fn: (tx: InventoryStore, learned: [string, number][], at: string) => Promise<IngestResult>): Promise<IngestResult> {
    const at = nowIso();
    const learned: [string, number][] = [];
    const result = await this.store.transaction((tx) => fn(tx, learned, at), { relaxedDurability: true });
    // Only after commit: an id from a rolled-back transaction must never be cached.
    if (this.versionIds.size + learned.length > maxCachedVersions) this.versionIds.clear();
    for (const [key, id] of learned) this.versionIds.set(key, id);
    this.events.emit('inventory.hostReported', { hostId: result.hostId, packagesChanged: result.packagesChanged, at });
    return result;
  }

  /** Ids of known package versions, from the cache where it has them (no writes). */
  private async knownVersionIds(tx: InventoryStore, keys: string[]): Promise<Map<string, number>> {
    const ids = new Map<string, number>();
    const missing = keys.filter((key) => {
      const id = this.versionIds.get(key);
      if (id !== undefined) ids.set(key, id);
      return id === undefined;
    });
    for (const [key, id] of await tx.knownVersionIds(missing)) ids.set(key, id);
    return ids;
  }

  private async unchanged(tx: InventoryStore, hostId: number, created: boolean, fields: HostFields, digest: string): Promise<IngestResult> {
    await tx.updateHost(hostId, fields);
    return { hostId, created, packagesChanged: false, digest };
  }

  /** Saves the host's new package set and one discovery run; `left` is null for the baseline (first) report. */
  private async saveChange(tx: InventoryStore, c: SetChange): Promise<IngestResult> {
    const kind = c.left === null ? 'initial' : 'change';
    const { changes, ...counts } = c.left === null ? { changes: [], added: c.arrived.length, removed: 0, upgraded: 0 } : describeChanges(c.arrived, c.left);
    const set = nextSet(c.previous, c.ids, new Date(c.at));
    const runId = await tx.saveRun({ hostId: c.hostId, at: c.at, kind, ...counts }, changes, set, { ...c.fields, packages_hash: c.digest, package_count: c.ids.length });
    return { hostId: c.hostId, created: c.created, packagesChanged: true, digest: c.digest, run: { id: runId, kind, ...counts } };
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

  // ---- what other modules read (advisory matching and reports) ----

  hostsForMatching = (hostIds?: number[]) => this.store.hostsForMatching(hostIds);
  hostDigests = () => this.store.hostDigests();
  hostsMark = () => this.store.hostsMark();
  packageTuples = (ids: number[]) => this.store.packageTuples(ids);
  packageIdsByName = (names: string[]) => this.store.packageIdsByName(names);
  hostLabels = (hostIds: number[]) => this.store.hostLabels(hostIds);
  visibleHostIds = (scope: Scope) => this.store.visibleHostIds(scope);

  // ---- for other modules: patching policies (remediation) ----
  customerNames = (customerIds: number[]) => this.store.customerNames(customerIds);
  // ---- end of: for other modules ----
}

/** The host columns a report sets; what it does not say is left as it was. Parsers sort packages, so equal package
 *  sets give equal digests. */
type HostFields = ReturnType<typeof hostFields>;

interface SetChange {
  hostId: number;
  created: boolean;
  fields: HostFields;
  at: string;
  previous: PackageSet;
  ids: number[];
  arrived: ReportedPackage[];
  left: ReportedPackage[] | null;
  digest: string;
}

function hostFields(host: HostIdentity, existingKey: string | undefined, at: string, customerId: number | undefined) {
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

/** Whether a report changes what reports show of the host: its name, customer or release. */
function labelsMoved(h: FoundHost, f: ReturnType<typeof hostFields>): boolean {
  const moved = (now: string | number | undefined, before: string | number | null) => now !== undefined && now !== before;
  return h.name !== f.name || moved(f.customer_id, h.customer_id) || moved(f.os_id, h.os_id) || moved(f.os_version, h.os_version) || moved(f.os_codename, h.os_codename);
}

function definedOnly<T extends Record<string, unknown>>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function toSummary(r: HostRow, tags: string[]): HostSummary {
  const { customerId, customerName, attributes: _, ...rest } = r;
  return { ...rest, customer: customerId === null ? null : { id: customerId, name: customerName ?? '' }, tags };
}
