// Advisories and exposure: importing feeds, and keeping every host's exposures true. Each distinct (release, package
// tuple) is evaluated once and the finding reused for every host that has it; a host report evaluates that host
// again, an import the hosts that have a package the changed advisories name.
import type { Logger } from '../core/logger.js';
import { nowIso } from '../core/db/columns.js';
import type { InventoryService } from '../inventory/index.js';
import type { ParsedFeed } from './model.js';
import type { AdvisoryIndex, Finding, PackageTuple } from './matcher.js';
import { diffExposures, exposuresOf, installedVersions, type ExposureChanges } from './exposures.js';
import type { AdvisoryStore } from './store.js';
import type { Scope } from '../core/auth/permissions.js';
import { notFound, unprocessable } from '../core/errors.js';
type Page = { limit: number; offset: number };
import { InvalidVersionError } from './version.js';
import { HostSets, type MatchingHost } from './host-sets.js';
import { ratings, rank, worstRating } from './ratings.js';
import { summaryOf } from './summary.js';
import { AdvisoryReports } from './reports.js';
import { groupBy } from '../core/group-by.js';

const reportBatchMs = 200;

/** The ids marked in the bitmap, by a plain loop: this runs over every package of many hosts. */
function marked(ids: Int32Array, bits: Uint8Array): Int32Array {
  let n = 0;
  for (let i = 0; i < ids.length; i++) if (ids[i]! < bits.length && bits[ids[i]!] === 1) n++;
  if (n === 0) return emptyIds;
  const out = new Int32Array(n);
  for (let i = 0, j = 0; i < ids.length; i++) if (ids[i]! < bits.length && bits[ids[i]!] === 1) out[j++] = ids[i]!;
  return out;
}
const emptyIds = new Int32Array(0);

/** A set of ids as a bitmap: what a pass over every package of many hosts can afford to look up. */
function bitmapOf(ids: ReadonlySet<number>): Uint8Array {
  let max = 0;
  for (const id of ids) max = Math.max(max, id);
  const bits = new Uint8Array(ids.size === 0 ? 0 : max + 1);
  for (const id of ids) bits[id] = 1;
  return bits;
}

export interface ImportSummary {
  advisories: number;
  created: number;
  updated: number;
  unchanged: number;
  skipped: Record<string, number>;
  /** Advisories the feed withdrew, whose exposures closed. */
  withdrawn: number;
  /** Hosts evaluated again, the distinct packages evaluated, and the exposures that opened and closed. */
  hosts: number;
  evaluated: number;
  opened: number;
  closed: number;
}

export interface EvaluationSummary {
  hosts: number;
  opened: number;
  closed: number;
  updated: number;
  /** Distinct (release, package) evaluations this took; the others were known from before. */
  evaluated: number;
  /** Installed packages whose version dpkg would refuse: they cannot be ordered, so they are not judged. */
  unjudged: number;
}

export class AdvisoryService {
  private index?: { version: string; index: AdvisoryIndex };
  /** release → package-version id → findings. Tuples never change; an import drops what it may have changed. */
  private readonly findings = new Map<string, Map<number, Finding[]>>();
  private readonly tuples = new Map<number, PackageTuple>();
  private readonly hostSets: HostSets;
  private readonly reported = new Set<number>();
  private reportTimer?: NodeJS.Timeout;
  private settling: Promise<void> = Promise.resolve();
  /** The per-advisory and per-customer reports (a remediation classifier plugs into them). */
  readonly reports: AdvisoryReports;

  constructor(
    readonly store: AdvisoryStore,
    private readonly inventory: InventoryService,
    private readonly logger: Logger,
  ) {
    this.hostSets = new HostSets(inventory);
    this.reports = new AdvisoryReports(store, inventory);
  }

  /** Writes a parsed feed, all or nothing, then evaluates the hosts its changes may touch. */
  async importFeed(feed: ParsedFeed): Promise<ImportSummary> {
    const at = nowIso();
    const before = await this.store.indexVersion();
    const { changes, withdrawn } = await this.store.transaction(async (tx) => {
      const changes = await tx.saveAdvisories(feed.advisories, at);
      // A withdrawn advisory's exposures close with that reason; it stays listed, marked withdrawn.
      const withdrawn = await tx.withdraw(feed.withdrawn ?? [], at);
      await tx.closeAll({ advisories: withdrawn }, 'advisory-withdrawn', at);
      return { changes, withdrawn };
    });
    const changed = changes.filter((c) => c.outcome !== 'unchanged');
    const summary: ImportSummary = {
      advisories: changes.length,
      created: changes.filter((c) => c.outcome === 'created').length,
      updated: changes.filter((c) => c.outcome === 'updated').length,
      unchanged: changes.length - changed.length,
      skipped: feed.skipped,
      withdrawn: withdrawn.length,
      hosts: 0,
      evaluated: 0,
      opened: 0,
      closed: 0,
    };
    if (changed.length + withdrawn.length > 0) await this.updateIndex(before, [...changed.map((c) => c.id), ...withdrawn]);
    if (changed.length === 0) return summary;
    const names = [...new Set(changed.flatMap((c) => c.names.map((n) => n.name)))];
    const touched = new Set(await this.inventory.packageIdsByName(names));
    for (const perRelease of this.findings.values()) for (const id of touched) perRelease.delete(id);
    // Only what the import changed is judged again: the touched packages, against the changed advisories.
    const releases = new Set(changed.flatMap((c) => c.names.map((n) => n.release)));
    // One pass over the package sets of the hosts of those releases: which of the touched packages each has.
    const wanted = bitmapOf(touched);
    const packagesOf = new Map<number, Int32Array>();
    const hosts: MatchingHost[] = [];
    for (const h of await this.hostSets.all()) {
      if (h.release === null || !releases.has(h.release)) continue;
      const ids = marked(h.packageIds, wanted);
      if (ids.length === 0) continue;
      packagesOf.set(h.id, ids);
      hosts.push(h);
    }
    const result = await this.evaluateHosts(hosts, undefined, { packagesOf, advisories: new Set(changed.map((c) => c.id)) });
    return { ...summary, hosts: result.hosts, evaluated: result.evaluated, opened: result.opened, closed: result.closed };
  }

  /** Evaluates these hosts (all when not given) and records how their exposures changed. */
  async evaluate(hostIds?: number[]): Promise<EvaluationSummary> {
    const index = await this.currentIndex();
    // Without a single advisory there is nothing to find, nor anything open to close: no host is read.
    if (index.size === 0 && (await this.store.countOpen()) === 0) return { hosts: 0, opened: 0, closed: 0, updated: 0, evaluated: 0, unjudged: 0 };
    return this.evaluateHosts(hostIds ? await this.hostSets.some(hostIds) : await this.hostSets.all(), index);
  }

  /**
   * Judges the hosts' packages and records how their exposures changed. `only` narrows it to some packages of each
   * host and some advisories (after an import): the exposures of every other advisory cannot have changed.
   */
  private async evaluateHosts(hosts: MatchingHost[], index?: AdvisoryIndex, only?: { packagesOf: ReadonlyMap<number, Int32Array>; advisories: ReadonlySet<number> }): Promise<EvaluationSummary> {
    index ??= await this.currentIndex();
    const idsOf = (host: MatchingHost) => only?.packagesOf.get(host.id) ?? host.packageIds;
    await this.loadTuples(hosts.map(idsOf));
    const current = await this.store.openExposures(only ? { advisories: [...only.advisories] } : { hostIds: hosts.map((h) => h.id) });
    const summary: EvaluationSummary = { hosts: hosts.length, opened: 0, closed: 0, updated: 0, evaluated: 0, unjudged: 0 };
    const all: { hostId: number; changes: ExposureChanges }[] = [];
    for (const host of hosts) {
      // Only packages with findings become objects: this loop runs over every package of every host.
      const judged: { tuple: PackageTuple; findings: Finding[] }[] = [];
      // An absent host's exposures were closed as host-absent; it is judged again when it reports.
      if (host.present && host.release) {
        for (const id of idsOf(host)) {
          const tuple = this.tuples.get(id)!;
          let findings = this.findingsOf(index, host.release, id, tuple, summary);
          if (only) findings = findings.filter((f) => only.advisories.has(f.advisory));
          if (findings.length > 0) judged.push({ tuple, findings });
        }
      }
      // After an import, the exposures that can close are on the packages it names: their versions are evidence enough.
      const installed = installedVersions(() => Array.from(idsOf(host), (id) => this.tuples.get(id)!));
      const changes = diffExposures(current.get(host.id) ?? [], exposuresOf(judged, host.kernel), installed);
      if (!host.present) changes.close = []; // closed already, with the reason that says why
      summary.opened += changes.open.length;
      summary.closed += changes.close.length;
      summary.updated += changes.update.length;
      if (changes.open.length || changes.close.length || changes.update.length) all.push({ hostId: host.id, changes });
    }
    if (all.length > 0) await this.store.transaction((tx) => tx.applyExposureChanges(all, nowIso()));
    return summary;
  }

  /** Evaluates reported hosts a moment after their reports, many at once: within a second, not one by one. */
  hostReported(hostId: number): void {
    this.reported.add(hostId);
    this.reportTimer ??= setTimeout(() => {
      const ids = [...this.reported];
      this.reported.clear();
      this.reportTimer = undefined;
      this.settling = this.settling
        .then(() => this.evaluate(ids))
        .then(
          () => undefined,
          (err: unknown) => this.logger.error({ err, hosts: ids.length }, 'evaluating reported hosts failed'),
        );
    }, reportBatchMs);
  }

  /** Waits for the evaluations of reports received so far (tests, shutdown). */
  async settle(): Promise<void> {
    if (this.reportTimer) {
      clearTimeout(this.reportTimer);
      this.reportTimer = undefined;
      const ids = [...this.reported];
      this.reported.clear();
      this.settling = this.settling.then(() => this.evaluate(ids)).then(() => undefined);
    }
    await this.settling;
  }

  /** Hosts that stopped reporting: their exposures close as host-absent. */
  async hostsAbsent(hostIds: number[]): Promise<number> {
    return this.store.closeAll({ hostIds }, 'host-absent', nowIso());
  }

  // ---- reads ----

  async list(scope: Scope, f: { q?: string; release?: string; source?: 'debian' | 'ubuntu'; affecting?: boolean }, page: Page) {
    const visible = await this.inventory.visibleHostIds(scope);
    // A customer user's list is what hits its hosts; staff may ask for that or for everything.
    const affecting = f.affecting || visible !== null ? { hostIds: visible } : undefined;
    const { rows, total } = await this.store.listAdvisories({ q: f.q, release: f.release, source: f.source, affecting }, page);
    const ids = rows.map((r) => r.id);
    const [cves, coverage] = await Promise.all([this.store.cvesOf(ids), this.store.coverageOf(ids)]);
    return { total, items: rows.map((r) => ({ ...summaryOf(r, cves.get(r.id) ?? []), covers: coverage.get(r.id) ?? { releases: [], packages: [] } })) };
  }

  async detail(advisoryId: string) {
    const row = await this.requireAdvisory(advisoryId);
    const [cves, packages] = await Promise.all([this.store.cvesOf([row.id]), this.store.packagesOf(row.id)]);
    return { ...summaryOf(row, cves.get(row.id) ?? []), description: row.description, packages };
  }

  /** Hosts with outstanding advisories, the most exposed first. */
  async hostsAtRisk(scope: Scope, customerId?: number) {
    const visible = await this.inventory.visibleHostIds(scope);
    const open = await this.store.openExposuresWithAdvisories(visible);
    const byHost = groupBy(open, (e) => e.hostId);
    const labels = await this.inventory.hostLabels([...byHost.keys()]);
    return labels
      .filter((h) => customerId === undefined || h.customerId === customerId)
      .map((h) => {
        const list = byHost.get(h.id)!.filter((e) => e.notRunning === 0);
        const advisories = new Set(list.map((e) => e.advisory));
        return {
          host: h,
          advisories: advisories.size,
          unfixed: new Set(list.filter((e) => e.state === 'unfixed').map((e) => e.advisory)).size,
          fixAvailable: new Set(list.filter((e) => e.state === 'fixed-available').map((e) => e.advisory)).size,
          worst: worstRating(list.map((e) => e.localRating ?? e.severity)),
        };
      })
      .filter((h) => h.advisories > 0)
      .sort((a, b) => rank(b.worst) - rank(a.worst) || b.advisories - a.advisories || a.host.name.localeCompare(b.host.name));
  }

  /** A host's open exposures, with the command that installs every available fix. */
  async hostExposures(scope: Scope, hostId: number) {
    const visible = await this.inventory.visibleHostIds(scope);
    if (visible !== null && !visible.includes(hostId)) throw notFound(`host ${hostId}`);
    const open = (await this.store.openExposuresWithAdvisories([hostId])).map(({ hostId: _, ...e }) => ({ ...e, notRunning: e.notRunning === 1 }));
    const running = open.filter((e) => !e.notRunning);
    const upgradable = [...new Set(running.filter((e) => e.state === 'fixed-available').map((e) => e.package))].sort();
    return {
      exposures: running,
      notRunningKernels: open.filter((e) => e.notRunning),
      fixCommand: upgradable.length ? `apt-get install --only-upgrade ${upgradable.join(' ')}` : null,
    };
  }

  async rate(advisoryId: string, rating: string | null, by: string) {
    const row = await this.store.findAdvisory(advisoryId);
    if (!row) throw notFound(`advisory ${advisoryId}`);
    if (rating !== null && !ratings.includes(rating)) throw unprocessable(`rating: expected one of ${ratings.join(', ')} (or null to clear it)`);
    await this.store.rate(row.id, rating, by, nowIso());
  }

  private async requireAdvisory(advisoryId: string) {
    const row = await this.store.findAdvisory(advisoryId);
    if (!row) throw notFound(`advisory ${advisoryId}`);
    return row;
  }

  private findingsOf(index: AdvisoryIndex, release: string, id: number, tuple: PackageTuple, summary: EvaluationSummary): Finding[] {
    let perRelease = this.findings.get(release);
    if (!perRelease) this.findings.set(release, (perRelease = new Map()));
    let found = perRelease.get(id);
    if (!found) {
      summary.evaluated++;
      try {
        found = index.evaluate(release, tuple);
      } catch (err) {
        if (!(err instanceof InvalidVersionError)) throw err;
        summary.unjudged++;
        this.logger.warn({ package: tuple.name, version: tuple.version, release }, 'installed version cannot be ordered; package not judged');
        found = [];
      }
      perRelease.set(id, found);
    }
    return found;
  }

  /** After an import: the changed advisories' entries replace theirs in the index — unless another import (here or on
   *  another replica) moved the index on meanwhile, and it is read again whole. */
  private async updateIndex(before: string, changed: number[]): Promise<void> {
    const after = await this.store.indexVersion();
    if (!this.index || this.index.version !== before) {
      this.index = undefined;
      return;
    }
    this.index.index.remove(new Set(changed));
    for (const e of await this.store.indexEntries(changed)) this.index.index.add(e.release, e.kind, e.name, { advisory: e.advisory, fixedVersion: e.fixed_version, state: e.state });
    this.index.version = after;
  }

  private async currentIndex(): Promise<AdvisoryIndex> {
    const version = await this.store.indexVersion();
    if (this.index?.version !== version) {
      this.index = { version, index: await this.store.loadIndex() };
      this.findings.clear();
    }
    return this.index.index;
  }

  private async loadTuples(idLists: Iterable<number>[]): Promise<void> {
    const missing = new Set<number>();
    for (const ids of idLists) for (const id of ids) if (!this.tuples.has(id)) missing.add(id);
    await this.loadTupleIds([...missing]);
  }

  private async loadTupleIds(missing: number[]): Promise<void> {
    for (let i = 0; i < missing.length; i += 10_000) {
      for (const t of await this.inventory.packageTuples(missing.slice(i, i + 10_000))) this.tuples.set(t.id, t);
    }
  }
}
