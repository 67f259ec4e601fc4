// Turns a stream of updates into few writes. Each update is sorted on arrival: one that says something new (a new
// record, another version, name, address or app_data) waits as a change, written within `flushMs` with a history row
// for each version change; one that repeats what is stored only moves the record's last_seen, in memory, written
// within `touchMs` as one bulk statement for all such records. Both keep only the last update of a record. Reads
// flush first, so whoever reads after an update sees it.
import { lookupService } from 'node:dns/promises';
import type { Logger } from '../../core/logger.js';
import type { AppStore, StoredRecord } from './store.js';
import type { ReceivedUpdate, UdpBatch } from './udp-messages.js';
import { recordKey, type RejectReason } from './update.js';

export interface CollectorOptions {
  /** Longest wait of a change in memory. */
  flushMs: number;
  /** Longest wait of a repeat (a later last_seen) in memory: repeats are most updates, and each rewrites a row. */
  touchMs: number;
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
  pendingChanges: number;
  pendingRepeats: number;
  known: number;
  flushes: number;
  flushErrors: number;
  writtenInFull: number;
  touched: number;
  lastFlushMs: number;
  /** The longest the UDP listener's thread was kept from its socket (ms), since start. */
  udpMaxDelayMs: number;
}

interface Known extends StoredRecord {
  /** When this process last received an update of the record (ms). */
  lastAt: number;
  /** The time of a repeat waiting to be written, else 0. */
  repeatAt: number;
  /** An update that changes the record waits in `changes`: a repeat of the stored state is no repeat then. */
  changing: boolean;
  /** Forgotten: a listener slot that still points here looks the record up again. */
  gone?: boolean;
}

/** A UDP listener's slot: the record it stands for and that record's last full update. */
interface SlotState {
  key: string;
  update: ReceivedUpdate;
  known?: Known;
}

const byIndexOrder = (a: ReceivedUpdate, b: ReceivedUpdate) =>
  a.appId < b.appId ? -1 : a.appId > b.appId ? 1 : a.host < b.host ? -1 : a.host > b.host ? 1 : a.instance - b.instance;

const sameContent = (a: ReceivedUpdate | Known, b: ReceivedUpdate) => a.ver === b.ver && a.app === b.app && a.hostIp === b.hostIp && a.appData === b.appData;

const reverseCacheMs = 10 * 60_000;
/** Records written per transaction: about 10–50 ms of SQLite work. */
const writeSlice = 5000;
/** Addresses are the clients' to choose (UDP is easily spoofed): the cache of their names is bounded. */
const maxCachedNames = 10_000;

export class Collector {
  private changes = new Map<string, ReceivedUpdate>();
  /** Known records with a repeat waiting (their `repeatAt` is set): a list, as most updates are repeats and a
   *  list costs them no hashing. */
  private repeated: Known[] = [];
  private readonly known = new Map<string, Known>();
  private readonly slots: (SlotState | undefined)[] = [];
  private readonly names = new Map<string, { name: string; until: number }>();
  private writing: Promise<void> = Promise.resolve();
  /** Accepts still waiting for host names; a final flush waits for them. */
  private readonly accepting = new Set<Promise<void>>();
  private readonly timers: NodeJS.Timeout[] = [];
  readonly metrics: CollectorMetrics = {
    received: 0,
    accepted: 0,
    rejected: 0,
    rejectedBy: {},
    pendingChanges: 0,
    pendingRepeats: 0,
    known: 0,
    flushes: 0,
    flushErrors: 0,
    writtenInFull: 0,
    touched: 0,
    lastFlushMs: 0,
    udpMaxDelayMs: 0,
  };

  constructor(
    private readonly store: AppStore,
    private readonly options: CollectorOptions,
    private readonly logger: Logger,
  ) {}

  async start(): Promise<void> {
    const now = Date.now();
    for (const r of await this.store.liveRecords()) this.known.set(recordKey(r), { ...r, lastAt: now, repeatAt: 0, changing: false });
    this.metrics.known = this.known.size;
    const every = (ms: number, fn: () => void) => this.timers.push(setInterval(fn, ms).unref());
    every(this.options.flushMs, () => void this.write(false, true));
    every(this.options.touchMs, () => void this.write(true, true));
    every(Math.min(this.options.forgetAfterMs, 60_000), () => this.forgetIdle());
  }

  /** Writes what is pending and stops; call before closing the database. */
  async stop(): Promise<void> {
    for (const t of this.timers) clearInterval(t);
    await Promise.all([...this.accepting]);
    await this.flush();
  }

  /** Counts what was received and rejected; accepted updates follow through `accept` or `acceptBatch`. */
  countReceived(received: number, rejected: Partial<Record<RejectReason, number>>, maxDelayMs = 0): void {
    this.metrics.received += received;
    this.metrics.udpMaxDelayMs = Math.max(this.metrics.udpMaxDelayMs, Math.round(maxDelayMs));
    for (const [reason, n] of Object.entries(rejected) as [RejectReason, number][]) {
      this.metrics.rejected += n;
      this.metrics.rejectedBy[reason] = (this.metrics.rejectedBy[reason] ?? 0) + n;
    }
  }

  /** Takes updates (from HTTP, or named by reverse lookup). */
  accept(updates: ReceivedUpdate[]): Promise<void> {
    if (!this.options.reverseLookup) {
      this.holdAll(updates);
      return Promise.resolve();
    }
    const named = Promise.all(updates.map((u) => this.withHostName(u))).then((list) => this.holdAll(list));
    this.accepting.add(named);
    return named.finally(() => this.accepting.delete(named));
  }

  private holdAll(updates: ReceivedUpdate[]): void {
    for (const u of updates) {
      const key = recordKey(u);
      this.hold(key, u, this.known.get(key));
    }
    this.metrics.accepted += updates.length;
    this.countPending();
  }

  /** Takes a UDP listener's batch: its full updates first, then the repeats, by slot. */
  acceptBatch(batch: UdpBatch): Promise<void> {
    this.countReceived(batch.received, batch.rejected, batch.maxDelayMs);
    if (this.options.reverseLookup) return this.accept(batch.full.map((f) => f.update));
    for (const id of batch.freed) this.slots[id] = undefined;
    for (const { slot, update } of batch.full) {
      const state: SlotState = { key: recordKey(update), update };
      this.slots[slot] = state;
      this.hold(state.key, update, this.knownOf(state));
    }
    for (let i = 0; i < batch.repeatSlots.length; i++) this.holdRepeat(this.slots[batch.repeatSlots[i]!]!, batch.repeatAts[i]!);
    this.metrics.accepted += batch.full.length + batch.repeatSlots.length;
    this.countPending();
    return Promise.resolve();
  }

  private knownOf(state: SlotState): Known | undefined {
    if (!state.known || state.known.gone) state.known = this.known.get(state.key);
    return state.known;
  }

  private hold(key: string, u: ReceivedUpdate, k: Known | undefined): void {
    if (k && !k.changing && sameContent(k, u)) {
      if (k.repeatAt === 0) this.repeated.push(k);
      k.repeatAt = Math.max(k.repeatAt, u.at);
    } else {
      this.changes.set(key, u);
      if (k) k.changing = true;
    }
  }

  /** A repeat of a slot's last full update: most updates are these, and they cost no object and no hashing. */
  private holdRepeat(state: SlotState, at: number): void {
    const k = this.knownOf(state);
    if (k && !k.changing && sameContent(k, state.update)) {
      if (k.repeatAt === 0) this.repeated.push(k);
      k.repeatAt = Math.max(k.repeatAt, at);
      return;
    }
    const pending = this.changes.get(state.key);
    if (pending && sameContent(pending, state.update)) pending.at = Math.max(pending.at, at);
    else this.hold(state.key, { ...state.update, at }, k);
  }

  /** Forgets every record (after the live view was emptied); pending updates are dropped with them. */
  forgetAll(): void {
    for (const k of this.known.values()) k.gone = true;
    this.known.clear();
    this.changes.clear();
    this.repeated = [];
    this.countPending();
  }

  /** Writes all pending updates, repeats included, now (after any write in progress). */
  flush(): Promise<void> {
    return this.write(true, false);
  }

  private write(withRepeats: boolean, paced: boolean): Promise<void> {
    this.writing = this.writing.then(() => this.writeNow(withRepeats, paced));
    return this.writing;
  }

  /**
   * Writes in slices, each its own transaction. Timed writes are paced — after a slice, as long a pause — so that
   * they take at most half a core: a long synchronous write (SQLite) would otherwise take a core for itself while
   * the UDP listener's thread needs one too, and the kernel drops what that thread cannot read in time. A flush
   * that someone waits for (a read, the stop) is not paced.
   */
  private async writeNow(withRepeats: boolean, paced: boolean): Promise<void> {
    if (this.changes.size === 0 && (!withRepeats || this.repeated.length === 0)) return;
    // In the order of the records' unique index: each slice then inserts into neighbouring index pages (measured on
    // SQLite: half the time of the arrival order).
    const changes = [...this.changes.values()].sort(byIndexOrder);
    this.changes = new Map();
    // A repeat of a record that is changing is written with the change (which is later). In id order, each slice
    // below rewrites a run of neighbouring rows (a few pages), not rows scattered over the whole table.
    const repeats = withRepeats ? this.repeated.filter((k) => !k.changing).map((k) => ({ known: k, at: k.repeatAt })) : [];
    repeats.sort((a, b) => a.known.id - b.known.id);
    if (withRepeats) {
      for (const k of this.repeated) k.repeatAt = 0;
      this.repeated = [];
    }
    const started = performance.now();
    for (let c = 0, r = 0; c < changes.length || r < repeats.length; c += writeSlice, r += writeSlice) {
      const sliceStarted = performance.now();
      const sliceChanges = changes.slice(c, c + writeSlice);
      const sliceRepeats = repeats.slice(r, r + writeSlice);
      const written = await this.writeSlice(sliceChanges, sliceRepeats);
      if (written && paced) await new Promise((resume) => setTimeout(resume, performance.now() - sliceStarted));
      if (!written) {
        // Nothing is lost: what was not written goes back, behind anything newer that arrived meanwhile.
        for (const u of changes.slice(c)) if (!this.changes.has(recordKey(u))) this.changes.set(recordKey(u), u);
        for (const { known, at } of repeats.slice(r)) {
          if (known.repeatAt === 0) this.repeated.push(known);
          known.repeatAt = Math.max(known.repeatAt, at);
        }
        break;
      }
    }
    this.metrics.lastFlushMs = Math.round(performance.now() - started);
    this.countPending();
  }

  /** One transaction: moves last_seen of the repeats, writes the changes in full. False if it failed. */
  private async writeSlice(changes: ReceivedUpdate[], repeats: { known: Known; at: number }[]): Promise<boolean> {
    try {
      const { stored, missed } = await this.store.transaction(async (tx) => {
        const notMoved = await tx.touch(repeats.map((r) => ({ id: r.known.id, ver: r.known.ver, at: r.at })));
        // A record another replica changed or trimmed meanwhile is written in full again.
        const missed = notMoved.size === 0 ? [] : repeats.filter((r) => notMoved.has(r.known.id)).map((r): ReceivedUpdate => ({ ...r.known, at: r.at }));
        return { stored: await tx.upsert([...changes, ...missed]), missed: missed.length };
      });
      const now = Date.now();
      for (const r of repeats) r.known.lastAt = Math.max(r.known.lastAt, r.at);
      for (const s of stored) {
        const key = recordKey(s);
        // A newer change may have arrived while this one was written. Known records are updated in place, so
        // that listener slots pointing at them stay right.
        const k = this.known.get(key);
        if (k) Object.assign(k, s, { lastAt: now, changing: this.changes.has(key) });
        else this.known.set(key, { ...s, lastAt: now, repeatAt: 0, changing: this.changes.has(key) });
      }
      this.metrics.flushes++;
      this.metrics.writtenInFull += stored.length;
      this.metrics.touched += repeats.length - missed;
      return true;
    } catch (err) {
      this.metrics.flushErrors++;
      this.logger.error({ err, pending: this.changes.size + this.repeated.length }, 'app version flush failed; will retry');
      return false;
    }
  }

  private countPending(): void {
    this.metrics.pendingChanges = this.changes.size;
    this.metrics.pendingRepeats = this.repeated.length;
    this.metrics.known = this.known.size;
  }

  private forgetIdle(): void {
    const cutoff = Date.now() - this.options.forgetAfterMs;
    for (const [key, k] of this.known) {
      if (k.lastAt < cutoff && k.repeatAt === 0 && !k.changing) {
        k.gone = true;
        this.known.delete(key);
      }
    }
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
