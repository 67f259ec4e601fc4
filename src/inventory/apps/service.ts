// App versions: which versions of which apps run where, and since when. Updates come in through the collector
// (UDP listener or HTTP); reads answer both Steward's API and the Partisci-compatible one from the database, after
// flushing this process's pending updates.
import type { Scope } from '../../core/auth/permissions.js';
import { notFound, unprocessable } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import { nowIso } from '../../core/db/columns.js';
import { Collector, type CollectorOptions } from './collector.js';
import type { AppFilter, AppStore, HistoryRow, Page, RecordFilter, RecordRow, RecordSort } from './store.js';
import { recordKey } from './update.js';

export interface VersionCount {
  ver: string;
  hostCount: number;
  recordCount: number;
  lastSeen: string;
}

export interface AppSummary {
  appId: string;
  app: string;
  hostCount: number;
  recordCount: number;
  lastSeen: string;
  /** Most widespread first. */
  versions: VersionCount[];
}

export interface HostAppsSummary {
  host: string;
  /** The inventory host whose name or machine-id this is, if any. */
  hostId: number | null;
  appCount: number;
  recordCount: number;
  lastSeen: string;
}

export interface Spread {
  appId: string;
  from: string;
  to: string;
  /** Every version seen in the range, most widespread first. */
  versions: string[];
  /** Hosts running each version at the end of each interval. */
  points: { at: string; hosts: Record<string, number> }[];
}

export const appSorts = ['app', 'hostCount', 'recordCount', 'lastSeen'] as const;
export const hostSorts = ['host', 'appCount', 'recordCount', 'lastSeen'] as const;
export type AppSort = (typeof appSorts)[number];
export type HostSort = (typeof hostSorts)[number];
type Order = 'asc' | 'desc';

const unix = (iso: string): number => Math.floor(Date.parse(iso) / 1000);

function sortBy<R, K extends keyof R & string>(rows: R[], key: K, order: Order, tie: (r: R) => string): R[] {
  const dir = order === 'asc' ? 1 : -1;
  return rows.sort((a, b) => {
    const x = a[key];
    const y = b[key];
    const c = x < y ? -1 : x > y ? 1 : 0;
    return c !== 0 ? c * dir : tie(a) < tie(b) ? -1 : tie(a) > tie(b) ? 1 : 0;
  });
}

export class AppVersionService {
  collector?: Collector;

  constructor(
    readonly store: AppStore,
    private readonly logger: Logger,
  ) {}

  /** Starts taking updates in this process (servers do; one-off CLI commands only read). */
  async startCollector(options: CollectorOptions): Promise<Collector> {
    this.collector = new Collector(this.store, options, this.logger);
    await this.collector.start();
    return this.collector;
  }

  private settle = async () => this.collector?.flush();

  // ---- Steward's API ----

  /** App summaries over the records the filter keeps: `q` searches app ids and names. */
  async apps(scope: Scope, f: { q?: string; updatedSince?: string }, sort: AppSort, order: Order, page: Page): Promise<{ items: AppSummary[]; total: number }> {
    await this.settle();
    const all = await this.summaries(scope, { appText: f.q, updatedSince: f.updatedSince });
    const sorted = sortBy(all, sort === 'app' ? 'appId' : sort, order, (a) => a.appId);
    return { items: sorted.slice(page.offset, page.offset + page.limit), total: all.length };
  }

  async app(scope: Scope, appId: string): Promise<AppSummary> {
    await this.settle();
    const [one] = await this.summaries(scope, { appId });
    if (!one) throw notFound(`app ${appId}`);
    return one;
  }

  private async summaries(scope: Scope, f: AppFilter): Promise<AppSummary[]> {
    const totals = await this.store.appTotals(scope, f);
    const ids = totals.map((t) => t.appId);
    const [versions, names] = await Promise.all([this.store.versionTotals(scope, f, ids), this.store.appNames(scope, f, ids)]);
    const shownName = new Map<string, { app: string; lastSeen: string }>();
    for (const n of names) {
      const seen = shownName.get(n.appId);
      if (!seen || String(n.lastSeen) > seen.lastSeen) shownName.set(n.appId, { app: n.app, lastSeen: String(n.lastSeen) });
    }
    const byApp = new Map<string, VersionCount[]>();
    for (const v of versions) {
      const list = byApp.get(v.appId) ?? [];
      list.push({ ver: v.ver, hostCount: Number(v.hostCount), recordCount: Number(v.recordCount), lastSeen: String(v.lastSeen) });
      byApp.set(v.appId, list);
    }
    return totals.map((t) => ({
      appId: t.appId,
      app: shownName.get(t.appId)?.app ?? t.appId,
      hostCount: Number(t.hostCount),
      recordCount: Number(t.recordCount),
      lastSeen: String(t.lastSeen),
      versions: sortBy(byApp.get(t.appId) ?? [], 'hostCount', 'desc', (v) => v.ver),
    }));
  }

  async records(scope: Scope, f: RecordFilter, sort: RecordSort, order: Order, page: Page | null): Promise<{ items: RecordRow[]; total: number }> {
    await this.settle();
    const { rows, total } = await this.store.records(scope, f, sort, order, page);
    return { items: rows, total };
  }

  /** Host summaries; `q` searches host names. */
  async hosts(scope: Scope, f: { q?: string; updatedSince?: string }, sort: HostSort, order: Order, page: Page): Promise<{ items: HostAppsSummary[]; total: number }> {
    await this.settle();
    const all = await this.hostSummaries(scope, { hostText: f.q, updatedSince: f.updatedSince });
    const sorted = sortBy(all, sort, order, (h) => h.host);
    return { items: sorted.slice(page.offset, page.offset + page.limit), total: all.length };
  }

  async host(scope: Scope, host: string): Promise<HostAppsSummary & { records: RecordRow[] }> {
    await this.settle();
    const [one] = await this.hostSummaries(scope, { host });
    if (!one) throw notFound(`host ${host} has no app versions`);
    const { rows } = await this.store.records(scope, { host }, 'app', 'asc', null);
    return { ...one, records: rows };
  }

  private async hostSummaries(scope: Scope, f: { hostText?: string; updatedSince?: string; host?: string }): Promise<HostAppsSummary[]> {
    const totals = await this.store.hostTotals(scope, f);
    const links = await this.store.hostIds(totals.map((t) => t.host).filter(Boolean));
    return totals.map((t) => ({
      host: t.host,
      hostId: links.get(t.host) ?? null,
      appCount: Number(t.appCount),
      recordCount: Number(t.recordCount),
      lastSeen: String(t.lastSeen),
    }));
  }

  async history(scope: Scope, f: { appId?: string; host?: string; instance?: number }, page: Page): Promise<HistoryRow[]> {
    await this.settle();
    return this.store.history(scope, f, undefined, page, 'desc');
  }

  /** How many hosts ran each version of an app over time, in `points` equal intervals from `from` to `to`. */
  async spread(scope: Scope, appId: string, range: { from?: string; to?: string; points: number }): Promise<Spread> {
    await this.settle();
    // Stored times are ISO 8601 in UTC ("…Z"), compared as text: times given with an offset are brought to UTC.
    const to = range.to ? new Date(range.to).toISOString() : nowIso();
    const events = await this.store.history(scope, { appId }, to, null);
    if (events.length === 0) throw notFound(`app ${appId}`);
    const from = range.from ? new Date(range.from).toISOString() : events[0]!.at;
    if (from >= to) throw unprocessable(`from: must be before to (${to})`);
    const step = (Date.parse(to) - Date.parse(from)) / range.points;
    const live = new Map<string, { host: string; ver: string }>();
    const peak = new Map<string, number>();
    const points: Spread['points'] = [];
    let next = 0;
    for (let i = 1; i <= range.points; i++) {
      const end = i === range.points ? to : new Date(Date.parse(from) + step * i).toISOString();
      for (; next < events.length && events[next]!.at <= end; next++) {
        const e = events[next]!;
        if (e.kind === 'gone') live.delete(recordKey(e));
        else live.set(recordKey(e), { host: e.host, ver: e.ver });
      }
      const hostsOf = new Map<string, Set<string>>();
      for (const { host, ver } of live.values()) hostsOf.set(ver, (hostsOf.get(ver) ?? new Set()).add(host));
      const hosts = Object.fromEntries([...hostsOf].map(([ver, set]) => [ver, set.size]));
      for (const [ver, n] of Object.entries(hosts)) peak.set(ver, Math.max(peak.get(ver) ?? 0, n));
      points.push({ at: end, hosts });
    }
    const versions = [...peak].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([ver]) => ver);
    return { appId, from, to, versions, points };
  }

  // ---- the live view's upkeep ----

  /** Drops records not updated for `afterMs` from the live view; their history stays. */
  async trim(afterMs: number, now = Date.now()): Promise<number> {
    const dropped = await this.store.transaction((tx) => tx.drop(new Date(now).toISOString(), new Date(now - afterMs).toISOString()));
    if (dropped > 0) this.logger.info({ dropped }, 'trimmed idle app version records');
    return dropped;
  }

  /** Empties the live view (Partisci's `_danger/clear/`); the history keeps what was there. */
  async clear(): Promise<number> {
    await this.settle();
    const dropped = await this.store.transaction((tx) => tx.drop(nowIso()));
    this.collector?.forgetAll();
    return dropped;
  }

  // ---- the Partisci-compatible shapes (unix seconds, snake_case) ----

  async partisciApps(scope: Scope) {
    await this.settle();
    const apps = await this.summaries(scope, {});
    return apps.map((a) => ({ app_id: a.appId, app: a.app, last_update: unix(a.lastSeen), host_count: a.hostCount }));
  }

  async partisciHosts(scope: Scope) {
    await this.settle();
    const hosts = await this.store.hostTotals(scope, {});
    return hosts.map((h) => ({ host: h.host, last_update: unix(String(h.lastSeen)), app_count: Number(h.appCount) }));
  }

  async partisciVersions(scope: Scope, f: { appId?: string; host?: string; ver?: string }) {
    const { items } = await this.records(scope, f, 'app', 'asc', null);
    return items.map((r) => ({ app_id: r.appId, app: r.app, ver: r.ver, host: r.host, instance: r.instance, host_ip: r.hostIp, last_update: unix(r.lastSeen) }));
  }
}
