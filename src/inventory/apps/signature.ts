// Signed updates, for servers that do not take anonymous ones (`partisci.auth: required`). A signed update is
// the JSON object, a newline, then `<key id>:<hex HMAC-SHA256 of the JSON bytes>`; the object carries `ts` (unix
// seconds), so a captured update is refused once it is older than the replay window. Client and server share this.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { UpdateError } from './update.js';

export interface HmacKey {
  id: string;
  secret: string;
}

export const replayWindowSeconds = 300;

const mac = (secret: string, json: string): Buffer => createHmac('sha256', secret).update(json).digest();

/** The signed text of an update object (adds `ts`). */
export function signUpdate(update: Record<string, unknown>, key: HmacKey, now = Date.now()): string {
  const json = JSON.stringify({ ...update, ts: Math.floor(now / 1000) });
  return `${json}\n${key.id}:${mac(key.secret, json).toString('hex')}`;
}

/**
 * The JSON text of an update, signed or not. `required` refuses an update without a valid signature. A signature
 * is checked whenever the server has keys, so that clients may sign before the server requires it; a server without
 * keys takes a signed update as it would the same update unsigned. Throws UpdateError('bad_signature').
 */
export function readUpdate(text: string, keys: ReadonlyMap<string, string>, required: boolean, now = Date.now()): string {
  const cut = text.lastIndexOf('\n');
  const line = cut < 0 ? undefined : /^([^:\s]+):([0-9a-f]{64})$/.exec(text.slice(cut + 1).trim());
  if (!line) {
    if (!required) return text;
    throw new UpdateError('bad_signature', cut < 0 ? 'unsigned update: this server requires a signature line "<key id>:<hmac>" after the JSON' : 'signature line: expected "<key id>:<64 hex digits>"');
  }
  const json = text.slice(0, cut);
  if (keys.size === 0 && !required) return json;
  const secret = keys.get(line[1]!);
  if (secret === undefined) throw new UpdateError('bad_signature', `unknown signing key "${line[1]}"`);
  if (!timingSafeEqual(mac(secret, json), Buffer.from(line[2]!, 'hex'))) throw new UpdateError('bad_signature', 'signature does not match the update');
  let ts: unknown;
  try {
    ts = (JSON.parse(json) as { ts?: unknown }).ts;
  } catch {
    ts = undefined; // the JSON itself is checked after this; a missing ts is the error here
  }
  if (typeof ts !== 'number') throw new UpdateError('bad_signature', 'a signed update needs "ts" (unix seconds)');
  if (Math.abs(now / 1000 - ts) > replayWindowSeconds) throw new UpdateError('bad_signature', `"ts" is more than ${replayWindowSeconds} s from the server's time`);
  return json;
}
