// Turns a stream of updates into few writes. Updates wait in memory, merged by record key (the last one wins);
// at most every `flushMs` they are written in one transaction: an update that repeats the known version only moves
// the record's last_seen (one bulk statement for all of them), the others are written in full with a history row
// for each version change. Reads flush first, so whoever reads after an update sees it.
import { lookupService } from 'node:dns/promises';
import type { Logger } from '../../core/logger.js';
import type { AppStore, StoredRecord } from './store.js';
import type { ReceivedUpdate } from './udp-messages.js';
import { recordKey, type RejectReason } from './update.js';

export interface CollectorOptions {
  flushMs: number;
  /** Name hosts that did not name themselves by the reverse lookup of their address. */
  reverseLookup: boolean;
  /** Known records idle this long are forgotten in memory (the trim drops them from the database). */
  forgetAfterMs: number;
}

export interface CollectorMetrics {
  received: number;
  accepted: number;
  rejected: number;
  rejectedBy: Partial<Record<RejectReason, number>>;
  pending: number;
  known: number;
  flushes: number;
  flushErrors: number;
  writtenInFull: number;
  touched: number;
  lastFlushMs: number;
}

interface Known extends StoredRecord {
  /** When this process last received an update of the record (ms). */
  lastAt: number;
}

const reverseCacheMs = 10 * 60_000;
/** Addresses are the clients' to choose (UDP is easily spoofed): the cache of their names is bounded. */
const maxCachedNames = 10_000;

export class Collector {
  private pending = new Map<string, ReceivedUpdate>();
  private readonly known = new Map<string, Known>();
  private readonly names = new Map<string, { name: string; until: number }>();
  private flushing: Promise<void> = Promise.resolve();
  /** Accepts still waiting for host names; a final flush waits for them. */
  private readonly accepting = new Set<Promise<void>>();
  private timer?: NodeJS.Timeout;
  private sweeper?: NodeJS.Timeout;
  readonly metrics: CollectorMetrics = { received: 0, accepted: 0, rejected: 0, rejectedBy: {}, pending: 0, known: 0, flushes: 0, flushErrors: 0, writtenInFull: 0, touched: 0, lastFlushMs: 0 };

  constructor(
    private readonly store: AppStore,
    private readonly options: CollectorOptions,
    private readonly logger: Logger,
  ) {}

  async start(): Promise<void> {
    const now = Date.now();
    for (const r of await this.store.liveRecords()) this.known.set(recordKey(r), { ...r, lastAt: now });
    this.timer = setInterval(() => void this.flush(), this.options.flushMs);
    this.sweeper = setInterval(() => this.forgetIdle(), Math.min(this.options.forgetAfterMs, 60_000));
    this.timer.unref();
    this.sweeper.unref();
  }

  /** Writes what is pending and stops; call before closing the database. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    clearInterval(this.sweeper);
    await Promise.all([...this.accepting]);
    await this.flush();
  }

  /** Counts what a UDP listener received and rejected; its accepted updates follow through `accept`. */
  countReceived(received: number, rejected: Partial<Record<RejectReason, number>>): void {
    this.metrics.received += received;
    for (const [reason, n] of Object.entries(rejected) as [RejectReason, number][]) {
      this.metrics.rejected += n;
      this.metrics.rejectedBy[reason] = (this.metrics.rejectedBy[reason] ?? 0) + n;
    }
  }

  accept(updates: ReceivedUpdate[]): Promise<void> {
    if (!this.options.reverseLookup) {
      this.hold(updates);
      return Promise.resolve();
    }
    const named = Promise.all(updates.map((u) => this.withHostName(u))).then((list) => this.hold(list));
    this.accepting.add(named);
    return named.finally(() => this.accepting.delete(named));
  }

  private hold(updates: ReceivedUpdate[]): void {
    for (const u of updates) this.pending.set(recordKey(u), u);
    this.metrics.accepted += updates.length;
    this.metrics.pending = this.pending.size;
  }

  /** Records that another process may have changed are not forgotten here: the next flush checks the version. */
  forgetAll(): void {
    this.known.clear();
    this.pending.clear();
    this.metrics.known = this.metrics.pending = 0;
  }

  /** Writes pending updates now (after any flush in progress). */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(() => this.write());
    return this.flushing;
  }

  private async write(): Promise<void> {
    if (this.pending.size === 0) return;
    const batch = this.pending;
    this.pending = new Map();
    const started = performance.now();
    const repeats: { key: string; known: Known; update: ReceivedUpdate }[] = [];
    const changes: ReceivedUpdate[] = [];
    for (const [key, u] of batch) {
      const k = this.known.get(key);
      if (k && k.ver === u.ver && k.app === u.app && k.hostIp === u.hostIp && k.appData === u.appData) repeats.push({ key, known: k, update: u });
      else changes.push(u);
    }
    try {
      const { stored, missed } = await this.store.transaction(async (tx) => {
        const moved = await tx.touch(repeats.map((r) => ({ id: r.known.id, ver: r.known.ver, at: r.update.at })));
        const missed = repeats.filter((r) => !moved.has(r.known.id)).map((r) => r.update);
        return { stored: await tx.upsert([...changes, ...missed]), missed: missed.length };
      });
      for (const r of repeats) r.known.lastAt = r.update.at;
      for (const s of stored) this.known.set(recordKey(s), { ...s, lastAt: Date.now() });
      this.metrics.flushes++;
      this.metrics.writtenInFull += stored.length;
      this.metrics.touched += repeats.length - missed;
    } catch (err) {
      // Nothing is lost: the batch goes back, behind anything newer that arrived meanwhile.
      for (const [key, u] of batch) if (!this.pending.has(key)) this.pending.set(key, u);
      this.metrics.flushErrors++;
      this.logger.error({ err, pending: this.pending.size }, 'app version flush failed; will retry');
    } finally {
      this.metrics.lastFlushMs = Math.round(performance.now() - started);
      this.metrics.pending = this.pending.size;
      this.metrics.known = this.known.size;
    }
  }

  private forgetIdle(): void {
    const cutoff = Date.now() - this.options.forgetAfterMs;
    for (const [key, k] of this.known) if (k.lastAt < cutoff) this.known.delete(key);
    this.metrics.known = this.known.size;
  }

  private async withHostName(u: ReceivedUpdate): Promise<ReceivedUpdate> {
    if (u.host !== '') return u;
    const cached = this.names.get(u.hostIp);
    if (cached && cached.until > Date.now()) return cached.name ? { ...u, host: cached.name } : u;
    // A failed lookup is remembered too: the name stays empty, as it would without the setting.
    const name = await lookupService(u.hostIp, 0).then(
      (r) => (r.hostname && r.hostname !== u.hostIp ? r.hostname.slice(0, 200) : ''),
      () => '',
    );
    if (this.names.size >= maxCachedNames) this.names.clear();
    this.names.set(u.hostIp, { name, until: Date.now() + reverseCacheMs });
    return name ? { ...u, host: name } : u;
  }
}
