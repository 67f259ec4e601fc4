// Telling Steward (or Partisci) "app X version V runs on host H, instance I": one update per UDP datagram or per
// HTTP POST, or a reporter that repeats it. Updates are checked with the server's own parser before they leave,
// so a bad one fails here with the message the server would give. This file imports nothing of the server but
// update.ts and signature.ts: an app that reports its version loads no database driver or HTTP framework.
import dgram from 'node:dgram';
import { lookup } from 'node:dns/promises';
import { type HmacKey, signUpdate } from './signature.js';
import { parseUpdateJson, updateText } from './update.js';

export type { HmacKey } from './signature.js';

export interface VersionUpdate {
  app: string;
  ver: string;
  /** The host the app runs on; without it the server records the host as unknown (or names it by reverse lookup). */
  host?: string;
  /** Tells apart several copies of one app on one host; 0..65535, default 0. */
  instance?: number;
  /** Anything else worth keeping with the record (at most 2 KB of JSON). */
  appData?: Record<string, unknown>;
}

export interface UdpSendOptions {
  /** Host name or address of the server; default localhost. */
  server?: string;
  /** The server's `partisci.port`; default 7777. */
  port?: number;
  /** Signs the update, for servers with `partisci.auth: required` (which drop unsigned datagrams). */
  hmacKey?: HmacKey;
}

export interface HttpSendOptions {
  /** The Steward base URL, e.g. http://127.0.0.1:8080 (a path prefix behind a proxy is kept). */
  url: string;
  /** An agent or API token. When given, the body is sent unsigned even with `hmacKey`: a token is enough. */
  token?: string;
  /** Signs the update, for servers with `partisci.auth: required`, instead of a token. */
  hmacKey?: HmacKey;
  /** How long to wait for the server's answer; default 10 s. */
  timeoutMs?: number;
}

/** The server refused an update, or could not be reached (`status` is then undefined). */
export class UpdateSendError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'UpdateSendError';
  }
}

export const defaultUdpPort = 7777;

/** The wire form (Partisci's keys), checked by the server's parser so that limits and messages stay the server's. */
function wireOf(update: VersionUpdate): Record<string, unknown> {
  const wire = { app: update.app, ver: update.ver, host: update.host, instance: update.instance ?? 0, app_data: update.appData };
  parseUpdateJson(JSON.stringify(wire));
  return wire;
}

function checkKey(key: HmacKey): HmacKey {
  // The signature line is `<id>:<hex>`: an id with a colon or a space could not be read back.
  if (!/^[^:\s]+$/.test(key.id)) throw new Error(`hmacKey: key id ${JSON.stringify(key.id)} must be non-empty, without spaces or colons`);
  if (!key.secret) throw new Error(`hmacKey: the secret of key ${key.id} is empty`);
  return key;
}

/** The bytes to send: the JSON, or the signed text; the server's size limit applies to either. */
function encode(update: VersionUpdate, hmacKey: HmacKey | undefined): Buffer {
  const wire = wireOf(update);
  const bytes = Buffer.from(hmacKey ? signUpdate(wire, checkKey(hmacKey)) : JSON.stringify(wire));
  updateText(bytes);
  return bytes;
}

function checkPort(port: number): number {
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`port: expected an integer 1..65535, got ${port}`);
  return port;
}

/**
 * Sends one update as one UDP datagram. Resolves once the datagram has left this machine: UDP cannot confirm
 * delivery, so a server that is down, unreachable or refusing the update (a bad signature) goes unnoticed. Rejects
 * on what fails locally: a bad update, a name that does not resolve, a send the system refuses.
 */
export async function sendUdp(update: VersionUpdate, options: UdpSendOptions = {}): Promise<void> {
  const bytes = encode(update, options.hmacKey);
  const server = options.server ?? 'localhost';
  const port = checkPort(options.port ?? defaultUdpPort);
  // IPv4 first: "localhost" often resolves to ::1 first, where a server listening on 127.0.0.1 hears nothing.
  const { address, family } = await lookup(server, { order: 'ipv4first' }).catch((err: Error) => {
    throw new UpdateSendError(`cannot resolve ${server}: ${err.message}`);
  });
  const socket = dgram.createSocket(family === 6 ? 'udp6' : 'udp4');
  try {
    await new Promise<void>((resolve, reject) => socket.send(bytes, port, address, (err) => (err ? reject(err) : resolve())));
  } catch (err) {
    throw new UpdateSendError(`cannot send to ${server}:${port}: ${(err as Error).message}`);
  } finally {
    socket.close();
  }
}

function updateUrl(base: string): URL {
  let url: URL | undefined;
  try {
    // The trailing slash keeps a path prefix: http://h/steward + api/v1/update/ → http://h/steward/api/v1/update/.
    url = new URL('api/v1/update/', base.endsWith('/') ? base : `${base}/`);
  } catch {
    url = undefined; // the message below says what is expected
  }
  if (url?.protocol !== 'http:' && url?.protocol !== 'https:') {
    throw new Error(`url: expected the Steward base URL (http:// or https://), e.g. http://127.0.0.1:8080, got ${JSON.stringify(base)}`);
  }
  return url;
}

/** The message of an error answer: Partisci's `{"error": "…"}`, Steward's `{"error": {"message": …}}`, or the text. */
function messageOf(body: string): string {
  try {
    const error = (JSON.parse(body) as { error?: unknown }).error;
    if (typeof error === 'string') return error;
    if (error && typeof error === 'object' && typeof (error as { message?: unknown }).message === 'string') return (error as { message: string }).message;
  } catch {
    // not JSON: the text itself is the best explanation there is
  }
  return body.trim().slice(0, 200) || 'no explanation';
}

/** POSTs one update to `<url>/api/v1/update/`. Resolves when the server took it (200); rejects with the server's
 *  message otherwise (415: a bad update, 401: a token or signature is needed or wrong). */
export async function sendHttp(update: VersionUpdate, options: HttpSendOptions): Promise<void> {
  const url = updateUrl(options.url);
  const body = encode(update, options.token ? undefined : options.hmacKey);
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(options.token ? { authorization: `Bearer ${options.token}` } : {}) },
      body,
      signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
    });
  } catch (err) {
    const cause = (err as { cause?: { message?: string } }).cause?.message ?? (err as Error).message;
    throw new UpdateSendError(`cannot reach ${url.origin}: ${cause}`);
  }
  const text = await response.text(); // read even when empty: an unread body keeps the connection from being reused
  if (response.status !== 200) throw new UpdateSendError(`server answered ${response.status}: ${messageOf(text)}`, response.status);
}

export type ReporterOptions = {
  /** The update, or a function that returns it at each send (for a version that may change while running). */
  update: VersionUpdate | (() => VersionUpdate);
  /** How often to send after the first time (which is at once). */
  everyMs: number;
  /** Called with each failed send (or failed `update()`); without it failures are dropped and the next send tries again. */
  onError?: (err: Error) => void;
} & (({ transport: 'udp' } & UdpSendOptions) | ({ transport: 'http' } & HttpSendOptions));

export interface Reporter {
  stop(): void;
}

/**
 * Sends an update at once, then every `everyMs`, until stopped; its timer does not keep the process alive. Nothing
 * thrown reaches the timer: failures go to `onError`. A send still waiting for its answer makes the next one skip.
 * A bad fixed update, port or URL throws here, at the start.
 */
export function startReporter(options: ReporterOptions): Reporter {
  if (!Number.isFinite(options.everyMs) || options.everyMs < 1) throw new Error(`everyMs: expected a number of milliseconds ≥ 1, got ${options.everyMs}`);
  if (options.transport !== 'udp' && options.transport !== 'http') throw new Error(`transport: expected "udp" or "http", got ${JSON.stringify((options as { transport: unknown }).transport)}`);
  const { update } = options;
  if (typeof update !== 'function') wireOf(update);
  if (options.transport === 'http') updateUrl(options.url);
  else checkPort(options.port ?? defaultUdpPort);
  if (options.hmacKey) checkKey(options.hmacKey);
  const send = async () => {
    const current = typeof update === 'function' ? update() : update;
    await (options.transport === 'http' ? sendHttp(current, options) : sendUdp(current, options));
  };
  let busy = false;
  const tick = () => {
    if (busy) return;
    busy = true;
    send()
      .catch((err: unknown) => {
        try {
          options.onError?.(err instanceof Error ? err : new Error(String(err)));
        } catch {
          // an onError that throws must not become an unhandled rejection (which ends the process)
        }
      })
      .finally(() => {
        busy = false;
      });
  };
  tick();
  const timer = setInterval(tick, options.everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
