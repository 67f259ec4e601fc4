// The UDP listener's thread. Receiving, checking and parsing datagrams happens here, away from the main thread,
// whose database writes (synchronous on SQLite) would otherwise keep the socket unread until the kernel drops
// datagrams. Each batch (every `batchMs`) hands over the updates since the last one: each record's latest full
// update if it said something new, else just the time of its latest repeat (see udp-messages.ts).
import dgram from 'node:dgram';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { recordKey, type ReceivedUpdate, type RejectReason, UpdateError, parseUpdateJson, updateText } from './update.js';
import { readUpdate } from './signature.js';
import type { ListenerData, ToListener, ToMain } from './udp-messages.js';

const data = workerData as ListenerData;
const port = parentPort!;
const keys = new Map(data.hmacKeys);

/** What the main thread last heard in full about a record, and where this batch has its update. */
interface Slot {
  id: number;
  last: ReceivedUpdate;
  lastAt: number;
  /** Index in this batch's `full` or repeats, when `batch` is the current batch number. */
  batch: number;
  index: number;
  repeated: boolean;
}

const slots = new Map<string, Slot>();
const freeIds: number[] = [];
let nextId = 0;
let batchNo = 1;
let full: { slot: number; update: ReceivedUpdate }[] = [];
let repeatSlots: number[] = [];
let repeatAts: number[] = [];
let received = 0;
let rejected: Partial<Record<RejectReason, number>> = {};
// How long the thread was kept from reading the socket: past what the socket's buffer holds, datagrams are lost.
const delay = monitorEventLoopDelay({ resolution: 5 });
delay.enable();

const sameAs = (a: ReceivedUpdate, b: ReceivedUpdate) => a.ver === b.ver && a.app === b.app && a.hostIp === b.hostIp && a.appData === b.appData;

function take(key: string, update: ReceivedUpdate): void {
  let slot = slots.get(key);
  if (!slot) {
    slot = { id: freeIds.pop() ?? nextId++, last: update, lastAt: update.at, batch: 0, index: 0, repeated: false };
    slots.set(key, slot);
  } else if (!data.reverseLookup && sameAs(slot.last, update)) {
    slot.lastAt = update.at;
    if (slot.batch !== batchNo) {
      slot.batch = batchNo;
      slot.repeated = true;
      slot.index = repeatSlots.push(slot.id) - 1;
      repeatAts.push(update.at);
    } else if (slot.repeated) repeatAts[slot.index] = update.at;
    else full[slot.index]!.update = { ...full[slot.index]!.update, at: update.at };
    return;
  }
  slot.last = update;
  slot.lastAt = update.at;
  if (slot.batch === batchNo && !slot.repeated) {
    full[slot.index] = { slot: slot.id, update };
    return;
  }
  // A full update after a repeat in the same batch: the main thread applies full updates first, then repeats,
  // and a repeat's time never moves a record back.
  slot.batch = batchNo;
  slot.repeated = false;
  slot.index = full.push({ slot: slot.id, update }) - 1;
}

socket();

function socket(): void {
  const s = dgram.createSocket({ type: data.host.includes(':') ? 'udp6' : 'udp4', recvBufferSize: data.recvBufferSize });
  s.on('message', (msg, rinfo) => {
    received++;
    let update: ReceivedUpdate;
    try {
      const text = updateText(msg, data.maxDatagram);
      update = parseUpdateJson(readUpdate(text, keys, data.signatureRequired), rinfo.address, Date.now());
    } catch (err) {
      const reason: RejectReason = err instanceof UpdateError ? err.reason : 'invalid_json';
      rejected[reason] = (rejected[reason] ?? 0) + 1;
      return;
    }
    // Without a host name, updates from different addresses are different records once reverse lookup names them.
    take(data.reverseLookup && update.host === '' ? `${rinfo.address}\n${recordKey(update)}` : recordKey(update), update);
  });
  s.on('error', (err) => port.postMessage({ type: 'error', message: err.message } satisfies ToMain));

  let lastSweep = Date.now();
  const handOver = () => {
    const freed: number[] = [];
    const now = Date.now();
    if (now - lastSweep > Math.min(data.slotIdleMs, 60_000)) {
      lastSweep = now;
      for (const [key, slot] of slots) {
        if (now - slot.lastAt > data.slotIdleMs) {
          slots.delete(key);
          freed.push(slot.id);
        }
      }
    }
    if (received === 0 && freed.length === 0) return;
    const ids = Int32Array.from(repeatSlots);
    const ats = Float64Array.from(repeatAts);
    const batch: ToMain = { type: 'batch', full, repeatSlots: ids, repeatAts: ats, freed, received, rejected, maxDelayMs: delay.max / 1e6 };
    port.postMessage(batch, [ids.buffer, ats.buffer]);
    // Freed slots are given out again only now: the main thread reads the batch that frees them first.
    freeIds.push(...freed);
    delay.reset();
    batchNo++;
    full = [];
    repeatSlots = [];
    repeatAts = [];
    received = 0;
    rejected = {};
  };
  const timer = setInterval(handOver, data.batchMs);

  port.on('message', (m: ToListener) => {
    if (m.type !== 'stop') return;
    clearInterval(timer);
    s.close(() => {
      handOver();
      port.postMessage({ type: 'stopped' } satisfies ToMain);
    });
  });

  s.bind(data.port, data.host, () => {
    port.postMessage({ type: 'listening', port: s.address().port, recvBufferSize: s.getRecvBufferSize() } satisfies ToMain);
  });
}
