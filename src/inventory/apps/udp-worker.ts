// The UDP listener's thread. Receiving, checking and parsing datagrams happens here, away from the main thread,
// whose database flushes (synchronous on SQLite) would otherwise stall the socket until the kernel drops datagrams.
// Updates are merged by record key (the last one wins) and handed to the main thread in batches.
import dgram from 'node:dgram';
import { parentPort, workerData } from 'node:worker_threads';
import { type AppUpdate, recordKey, type RejectReason, UpdateError, parseUpdateJson, updateText } from './update.js';
import { verifySignedUpdate } from './signature.js';
import type { ListenerData, ToListener, ToMain, ReceivedUpdate } from './udp-messages.js';

const data = workerData as ListenerData;
const port = parentPort!;
const keys = data.hmacKeys ? new Map(data.hmacKeys) : null;

let pending = new Map<string, ReceivedUpdate>();
let received = 0;
let rejected: Partial<Record<RejectReason, number>> = {};

const socket = dgram.createSocket({ type: data.host.includes(':') ? 'udp6' : 'udp4', recvBufferSize: data.recvBufferSize });

socket.on('message', (msg, rinfo) => {
  received++;
  let update: AppUpdate;
  try {
    const text = updateText(msg, data.maxDatagram);
    update = parseUpdateJson(keys ? verifySignedUpdate(text, keys) : text);
  } catch (err) {
    const reason: RejectReason = err instanceof UpdateError ? err.reason : 'invalid_json';
    rejected[reason] = (rejected[reason] ?? 0) + 1;
    return;
  }
  // Without a host name, updates from different addresses are different records once reverse lookup names them.
  const key = data.reverseLookup && update.host === '' ? `${rinfo.address}\n${recordKey(update)}` : recordKey(update);
  pending.set(key, { ...update, hostIp: rinfo.address, at: Date.now() });
});

socket.on('error', (err) => {
  port.postMessage({ type: 'error', message: err.message } satisfies ToMain);
});

function handOver(): void {
  if (received === 0 && pending.size === 0) return;
  port.postMessage({ type: 'batch', updates: [...pending.values()], received, rejected } satisfies ToMain);
  pending = new Map();
  received = 0;
  rejected = {};
}

const timer = setInterval(handOver, data.batchMs);

port.on('message', (m: ToListener) => {
  if (m.type !== 'stop') return;
  clearInterval(timer);
  socket.close(() => {
    handOver();
    port.postMessage({ type: 'stopped' } satisfies ToMain);
  });
});

socket.bind(data.port, data.host, () => {
  port.postMessage({ type: 'listening', port: socket.address().port, recvBufferSize: socket.getRecvBufferSize() } satisfies ToMain);
});
