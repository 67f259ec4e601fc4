// Reading an advisory feed from where it lives: an http(s) URL, a file, or a folder of OSV records. A URL is fetched
// with a conditional GET (If-None-Match / If-Modified-Since from what the last successful read answered), so an
// unchanged feed costs one 304; a file's modification time plays the part of Last-Modified. Bodies are decoded as
// they arrive, piece by piece, so a 60 MB tracker JSON is held once as text, not also as bytes.
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { STATUS_CODES } from 'node:http';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { version } from '../../core/paths.js';
import { formatBytes } from '../../core/size-text.js';

export interface FeedDocument {
  /** The URL or path it was read from; for a folder's file, the file's own name (OSV errors name it). */
  name: string;
  text: string;
}

/** What tells whether a feed changed since it was last read. */
export interface Validators {
  etag: string | null;
  lastModified: string | null;
}

export type FeedRead =
  | { changed: false }
  | { changed: true; documents: FeedDocument[]; /** read from a folder: OSV records, one file each */ folder: boolean; validators: Validators };

export interface ReadOptions {
  timeoutMs: number;
  maxBytes: number;
  /** From the last successful read: a feed that has not changed since is not read again. */
  validators?: Validators;
  /** Bytes read so far, and of how many when that is known. */
  onProgress?: (bytes: number, total: number | null) => void;
}

/** A feed that could not be read; the message is one line, made to be shown as the feed's last error. */
export class FeedReadError extends Error {
  override readonly name = 'FeedReadError';
}

export const isFeedUrl = (location: string): boolean => /^https?:\/\//i.test(location);

/** Without validators there is nothing to compare with: the feed is read. */
export function readFeed(location: string, options: ReadOptions & { validators?: undefined }): Promise<Extract<FeedRead, { changed: true }>>;
export function readFeed(location: string, options: ReadOptions): Promise<FeedRead>;
export function readFeed(location: string, options: ReadOptions): Promise<FeedRead> {
  return isFeedUrl(location) ? readUrl(location, options) : readPath(location, options);
}

/** "60 s", "0.25 s": how long a timeout was, as its error says. */
const seconds = (ms: number) => `${Number((ms / 1000).toFixed(3))} s`;

async function readUrl(url: string, o: ReadOptions): Promise<FeedRead> {
  const headers: Record<string, string> = { 'user-agent': `steward/${version}` };
  if (o.validators?.etag) headers['if-none-match'] = o.validators.etag;
  if (o.validators?.lastModified) headers['if-modified-since'] = o.validators.lastModified;
  try {
    // One signal for the answer and its body: a server that stalls halfway through times out like one that never answers.
    const res = await fetch(url, { headers, signal: AbortSignal.timeout(o.timeoutMs) });
    if (res.status === 304) {
      await res.body?.cancel();
      return { changed: false };
    }
    if (!res.ok) {
      await res.body?.cancel();
      throw new FeedReadError(`answered ${res.status} ${res.statusText || STATUS_CODES[res.status] || ''}`.trimEnd());
    }
    // With a Content-Encoding the length counts compressed bytes, while what is read is decoded: no total then.
    const length = res.headers.has('content-encoding') ? null : Number(res.headers.get('content-length') ?? NaN);
    const total = length !== null && Number.isFinite(length) ? length : null;
    if (total !== null && total > o.maxBytes) throw tooLarge(o.maxBytes);
    const body = res.body ? Readable.fromWeb(res.body as NodeReadableStream<Uint8Array>) : Readable.from([]);
    const text = await readText(body, o.maxBytes, o.onProgress && ((bytes) => o.onProgress!(bytes, total)));
    return { changed: true, documents: [{ name: url, text }], folder: false, validators: { etag: res.headers.get('etag'), lastModified: res.headers.get('last-modified') } };
  } catch (err) {
    throw fetchError(err, o.timeoutMs);
  }
}

function fetchError(err: unknown, timeoutMs: number): Error {
  if (err instanceof FeedReadError) return err;
  const e = err as Error & { cause?: Error & { code?: string } };
  if (e.name === 'TimeoutError') return new FeedReadError(`timed out after ${seconds(timeoutMs)}`);
  // fetch says only "fetch failed"; what happened (ECONNREFUSED, ENOTFOUND, a TLS error) is in its cause.
  if (e.cause) return new FeedReadError(`cannot be reached: ${e.cause.message || e.cause.code || e.message}`);
  return new FeedReadError(e.message);
}

const tooLarge = (maxBytes: number) => new FeedReadError(`is larger than ${formatBytes(maxBytes)} (advisories.importBodyLimit)`);

async function readPath(path: string, o: ReadOptions): Promise<FeedRead> {
  const info = await stat(path).catch((err: NodeJS.ErrnoException) => {
    throw new FeedReadError(err.code === 'ENOENT' ? 'no such file or folder' : `cannot be read: ${err.message}`);
  });
  const folder = info.isDirectory();
  const names = folder ? (await readdir(path)).filter((n) => n.endsWith('.json')).sort() : [path];
  if (folder && names.length === 0) throw new FeedReadError('is a folder without .json files (a folder is read as OSV records, one per file)');
  const files = folder ? names.map((n) => join(path, n)) : names;
  const sizes = await Promise.all(files.map((f) => stat(f)));
  // A folder's own time moves when a file is added or removed, its files' times when one is rewritten.
  const lastModified = new Date(Math.max(info.mtimeMs, ...sizes.map((s) => s.mtimeMs))).toISOString();
  if (o.validators?.lastModified === lastModified) return { changed: false };
  const total = sizes.reduce((n, s) => n + s.size, 0);
  if (total > o.maxBytes) throw tooLarge(o.maxBytes);
  const documents: FeedDocument[] = [];
  let before = 0;
  for (const [i, file] of files.entries()) {
    // The sum was checked against the limit above; each file is checked again as it is read, in case it grew.
    const text = await readText(createReadStream(file), o.maxBytes, o.onProgress && ((bytes) => o.onProgress!(before + bytes, total))).catch((err: Error) => {
      throw err instanceof FeedReadError ? err : new FeedReadError(`cannot be read: ${err.message}`);
    });
    documents.push({ name: names[i]!, text });
    before += sizes[i]!.size;
  }
  return { changed: true, documents, folder, validators: { etag: null, lastModified } };
}

async function readText(stream: Readable, maxBytes: number, onBytes?: (bytes: number) => void): Promise<string> {
  // Not fatal on a stray byte: it would cost the whole feed for one title; the text around it stays readable.
  const decoder = new TextDecoder();
  const parts: string[] = [];
  let bytes = 0;
  for await (const chunk of stream as AsyncIterable<Uint8Array>) {
    bytes += chunk.length;
    if (bytes > maxBytes) throw tooLarge(maxBytes);
    parts.push(decoder.decode(chunk, { stream: true }));
    onBytes?.(bytes);
  }
  parts.push(decoder.decode());
  return parts.join('');
}
