// What the UDP listener's thread and the main thread say to each other. Most updates repeat what their record's
// last update said, so the listener gives each record it hears of a slot number and sends a repeat as just (slot,
// time) in typed arrays, moved rather than copied; only new and changed updates travel in full.
import type { ReceivedUpdate, RejectReason } from './update.js';

export type { ReceivedUpdate };

export interface ListenerData {
  host: string;
  port: number;
  maxDatagram: number;
  recvBufferSize: number;
  batchMs: number;
  /** A slot unused this long is freed (and may be given to another record). */
  slotIdleMs: number;
  /** Updates without a host name are told apart by address and all sent in full (the main thread names them). */
  reverseLookup: boolean;
  /** [key id, secret] pairs: signatures are checked whenever there are keys. */
  hmacKeys: [string, string][];
  signatureRequired: boolean;
}

export interface UdpBatch {
  /** Updates that say something new about their slot's record (or all updates, with reverse lookup). */
  full: { slot: number; update: ReceivedUpdate }[];
  /** Repeats of their slot's last full update: the slot and the time of the latest repeat. */
  repeatSlots: Int32Array;
  repeatAts: Float64Array;
  /** Slots no longer used: forget them before reading the next batch, which may give them to other records. */
  freed: number[];
  received: number;
  rejected: Partial<Record<RejectReason, number>>;
  /** The longest the listener's thread was kept from its socket since the last batch (ms). */
  maxDelayMs: number;
}

export type ToMain =
  | { type: 'listening'; port: number; recvBufferSize: number }
  | ({ type: 'batch' } & UdpBatch)
  | { type: 'error'; message: string }
  | { type: 'stopped' };

export type ToListener = { type: 'stop' };
