// One app version update, as Partisci clients send it: a UTF-8 JSON object `{app, ver, host?, instance?}` per UDP
// datagram or HTTP body. Keys match case-insensitively and unknown keys are ignored (as Partisci's Go decoder does);
// what the server derives — app_id, the peer address, the time — is never taken from the client.
import { isUtf8 } from 'node:buffer';

export interface AppUpdate {
  appId: string;
  app: string;
  ver: string;
  /** '' when the client did not say (and reverse lookup is off or found nothing). */
  host: string;
  instance: number;
  /** The optional `app_data` object, as compact JSON text (at most 2 KB). */
  appData: string | null;
}

export const limits = { field: 200, appData: 2048, datagram: 4096 } as const;

/** Why an update was refused; each reason has its own counter in the metrics. */
export type RejectReason = 'too_large' | 'invalid_utf8' | 'invalid_json' | 'not_object' | 'invalid_field' | 'bad_signature';

export class UpdateError extends Error {
  constructor(
    readonly reason: RejectReason,
    message: string,
  ) {
    super(message);
    this.name = 'UpdateError';
  }
}

/** Partisci's app_id: lower-cased, every character (code point, as Go reads runes) outside [0-9a-z] replaced by `_`. */
export const appIdOf = (app: string): string => app.toLowerCase().replace(/[^0-9a-z]/gu, '_');

/**
 * The in-memory key of a record: the tuple (app_id, instance, host) written so that it decodes one way only —
 * app_id has no newline and instance is digits, so whatever the host holds cannot make two tuples collide
 * (Partisci concatenated the three with no separator, and "a"+"b1" met "ab"+"1").
 */
export const recordKey = (u: { appId: string; host: string; instance: number }): string => `${u.appId}\n${u.instance}\n${u.host}`;

// eslint-disable-next-line no-control-regex
const controlCharacters = /[\u0000-\u001f\u007f]/;

function text(value: unknown, field: string, required: boolean): string {
  if (value === undefined || value === null) {
    if (required) throw new UpdateError('invalid_field', `${field}: required`);
    return '';
  }
  if (typeof value !== 'string') throw new UpdateError('invalid_field', `${field}: expected a string, got ${typeof value}`);
  if (required && value === '') throw new UpdateError('invalid_field', `${field}: must not be empty`);
  if (value.length > limits.field) throw new UpdateError('invalid_field', `${field}: at most ${limits.field} characters`);
  if (controlCharacters.test(value)) throw new UpdateError('invalid_field', `${field}: control characters are not allowed`);
  return value;
}

function instanceOf(value: unknown): number {
  if (value === undefined || value === null) return 0;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 65535) {
    throw new UpdateError('invalid_field', `instance: expected an integer 0..65535, got ${JSON.stringify(value)}`);
  }
  return value;
}

function appDataOf(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'object' || Array.isArray(value)) throw new UpdateError('invalid_field', 'app_data: expected a JSON object');
  const json = JSON.stringify(value);
  if (Buffer.byteLength(json) > limits.appData) throw new UpdateError('invalid_field', `app_data: at most ${limits.appData} bytes of JSON`);
  return json;
}

/** An update as received: the peer's address and the arrival time (ms) are the server's, never the client's. */
export interface ReceivedUpdate extends AppUpdate {
  hostIp: string;
  at: number;
}

// Apps are few and send often: their ids are derived once.
const appIds = new Map<string, string>();
function cachedAppId(app: string): string {
  let id = appIds.get(app);
  if (id === undefined) {
    if (appIds.size >= 10_000) appIds.clear();
    appIds.set(app, (id = appIdOf(app)));
  }
  return id;
}

/**
 * Parses the JSON text of one update, received from `hostIp` at `at`. Key names match case-insensitively and a
 * later key wins, as in Partisci. Throws UpdateError naming what is wrong. This runs for every datagram: it reads the
 * parsed object once and builds the result in one go.
 */
export function parseUpdateJson(json: string, hostIp = '', at = 0): ReceivedUpdate {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (err) {
    throw new UpdateError('invalid_json', `not JSON: ${(err as Error).message}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new UpdateError('not_object', `expected a JSON object, got ${value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value}`);
  }
  const obj = value as Record<string, unknown>;
  let app, ver, host, instance, appData: unknown;
  for (const key in obj) {
    switch (key.toLowerCase()) {
      case 'app':
        app = obj[key];
        break;
      case 'ver':
        ver = obj[key];
        break;
      case 'host':
        host = obj[key];
        break;
      case 'instance':
        instance = obj[key];
        break;
      case 'app_data':
        appData = obj[key];
    }
  }
  const name = text(app, 'app', true);
  return { appId: cachedAppId(name), app: name, ver: text(ver, 'ver', true), host: text(host, 'host', false), instance: instanceOf(instance), appData: appDataOf(appData), hostIp, at };
}

/** Checks the size and encoding of raw bytes (a datagram or a body) and returns their text. */
export function updateText(bytes: Buffer, maxBytes: number = limits.datagram): string {
  if (bytes.length > maxBytes) throw new UpdateError('too_large', `update of ${bytes.length} bytes: at most ${maxBytes}`);
  if (!isUtf8(bytes)) throw new UpdateError('invalid_utf8', 'update is not valid UTF-8');
  return bytes.toString('utf8');
}
