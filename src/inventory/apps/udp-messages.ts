// What the UDP listener's thread and the main thread say to each other.
import type { AppUpdate, RejectReason } from './update.js';

/** An update as received: the peer's address and the arrival time (ms) are the server's, never the client's. */
export interface ReceivedUpdate extends AppUpdate {
  hostIp: string;
  at: number;
}

export interface ListenerData {
  host: string;
  port: number;
  maxDatagram: number;
  recvBufferSize: number;
  batchMs: number;
  /** Updates without a host name are told apart by address (the main thread names them). */
  reverseLookup: boolean;
  /** [key id, secret] pairs when updates must be signed; null when anonymous updates are taken. */
  hmacKeys: [string, string][] | null;
}

export type ToMain =
  | { type: 'listening'; port: number; recvBufferSize: number }
  | { type: 'batch'; updates: ReceivedUpdate[]; received: number; rejected: Partial<Record<RejectReason, number>> }
  | { type: 'error'; message: string }
  | { type: 'stopped' };

export type ToListener = { type: 'stop' };
