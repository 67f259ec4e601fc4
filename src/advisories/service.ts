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
import { InvalidVersionError } from './version.js';

const reportBatchMs = 200;

export interface ImportSummary {
  advisories: number;
  created: number;
  updated: number;
  unchanged: number;
  skipped: Record<string, number>;
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
  private readonly reported = new Set<number>();
  private reportTimer?: NodeJS.Timeout;
  private settling: Promise<void> = Promise.resolve();

  constructor(
    readonly store: AdvisoryStore,
    private readonly inventory: InventoryService,
    private readonly logger: Logger,
  ) {}

  /** Writes a parsed feed, all or nothing, then evaluates the hosts its changes may touch. */
  async importFeed(feed: ParsedFeed): Promise<ImportSummary> {
    const at = nowIso();
    const before = await this.store.indexVersion();
    const changes = await this.store.transaction((tx) => tx.saveAdvisories(feed.advisories, at));
    const changed = changes.filter((c) => c.outcome !== 'unchanged');
    const summary: ImportSummary = {
      advisories: changes.length,
      created: changes.filter((c) => c.outcome === 'created').length,
      updated: changes.filter((c) => c.outcome === 'updated').length,
      unchanged: changes.length - changed.length,
      skipped: feed.skipped,
      hosts: 0,
      evaluated: 0,
      opened: 0,
      closed: 0,
    };
    if (changed.length === 0) return summary;
    const names = [...new Set(changed.flatMap((c) => c.names.map((n) => n.name)))];
    const touched = new Set(await this.inventory.packageIdsByName(names));
    await this.updateIndex(before, changed.map((c) => c.id));
    for (const perRelease of this.findings.values()) for (const id of touched) perRelease.delete(id);
    const hosts = (await this.inventory.hostsForMatching()).filter((h) => h.packageIds.some((id) => touched.has(id)));
    const result = await this.evaluate(hosts.map((h) => h.id));
    return { ...summary, hosts: result.hosts, evaluated: result.evaluated, opened: result.opened, closed: result.closed };
  }

  /** Evaluates these hosts (all when not given) and records how their exposures changed. */
  async evaluate(hostIds?: number[]): Promise<EvaluationSummary> {
    const index = await this.currentIndex();
    // Without a single advisory there is nothing to find, nor anything open to close: no host is read.
    if (index.size === 0 && (await this.store.countOpen()) === 0) return { hosts: 0, opened: 0, closed: 0, updated: 0, evaluated: 0, unjudged: 0 };
    const hosts = await this.inventory.hostsForMatching(hostIds);
    await this.loadTuples(hosts.flatMap((h) => h.packageIds));
    const current = await this.store.openExposures(hosts.map((h) => h.id));
    const summary: EvaluationSummary = { hosts: hosts.length, opened: 0, closed: 0, updated: 0, evaluated: 0, unjudged: 0 };
    const all: { hostId: number; changes: ExposureChanges }[] = [];
    for (const host of hosts) {
      const tuples = host.packageIds.map((id) => ({ id, tuple: this.tuples.get(id)! }));
      // An absent host's exposures were closed as host-absent; it is judged again when it reports.
      const judged = host.present && host.release ? tuples.map(({ id, tuple }) => ({ tuple, findings: this.findingsOf(index, host.release!, id, tuple, summary) })) : [];
      const changes = diffExposures(current.get(host.id) ?? [], exposuresOf(judged, host.kernel), installedVersions(tuples.map((t) => t.tuple)));
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

  private async loadTuples(ids: number[]): Promise<void> {
    const missing = [...new Set(ids.filter((id) => !this.tuples.has(id)))];
    for (let i = 0; i < missing.length; i += 10_000) {
      for (const t of await this.inventory.packageTuples(missing.slice(i, i + 10_000))) this.tuples.set(t.id, t);
    }
  }
}
