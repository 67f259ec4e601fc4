// Advisory feeds: sources configured by URL or file, fetched when due (and by hand), imported all or nothing. A feed
// that cannot be read or parsed keeps the advisories of its last import; its error is recorded, one line, for the UI.
import { isAbsolute, resolve, sep } from 'node:path';
import { AppError, notFound, unprocessable } from '../../core/errors.js';
import { nowIso } from '../../core/db/columns.js';
import { parseDuration } from '../../core/duration.js';
import type { Logger } from '../../core/logger.js';
import { FeedFormatError } from '../model.js';
import type { AdvisoryService, ImportSummary } from '../service.js';
import { feedFormatChoices, isFeedFormatChoice, parseFeedDocuments, type FeedFormatChoice } from './parse.js';
import { FeedReadError, isFeedUrl, readFeed } from './read.js';
import type { FeedRow, FeedStore } from './store.js';

export interface FeedOptions {
  timeoutMs: number;
  maxBytes: number;
  /** The folder under which feeds added over HTTP may read files: the server's files are not the API's to read. */
  fileRoot: string;
}

export interface FeedView {
  id: number;
  name: string;
  location: string;
  format: FeedFormatChoice;
  /** The interval as written (`6h`), and in milliseconds. */
  every: string;
  everyMs: number;
  lastAttemptAt: string | null;
  lastSuccessAt: string | null;
  lastError: string | null;
  /** Advisories in the feed at its last import. */
  advisoryCount: number | null;
  /** When the scheduled job fetches it next (now, for a feed never fetched). */
  dueAt: string;
}

export type FetchResult =
  | { outcome: 'imported'; summary: ImportSummary; feed: FeedView }
  | { outcome: 'not-modified'; feed: FeedView }
  | { outcome: 'failed'; error: string; feed: FeedView };

export const defaultEvery = '6h';
/** The scheduled job looks every minute; the column is a 32-bit integer on PostgreSQL (24.8 days of ms). */
const minEveryMs = 60_000;
const maxEveryMs = 24 * 86_400_000;
const namePattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

const units: [string, number][] = [['d', 86_400_000], ['h', 3_600_000], ['m', 60_000], ['s', 1000]];
/** 21600000 → "6h", 5400000 → "90m": the largest unit that divides it. */
const everyText = (ms: number) => {
  const [unit, size] = units.find(([, size]) => ms % size === 0) ?? ['ms', 1];
  return `${ms / size}${unit}`;
};

const dueAt = (row: FeedRow) => (row.last_attempt_at === null ? 0 : Date.parse(row.last_attempt_at) + row.every_ms);

function viewOf(row: FeedRow): FeedView {
  return {
    id: row.id,
    name: row.name,
    location: row.location,
    format: row.format as FeedFormatChoice,
    every: everyText(row.every_ms),
    everyMs: row.every_ms,
    lastAttemptAt: row.last_attempt_at,
    lastSuccessAt: row.last_success_at,
    lastError: row.last_error,
    advisoryCount: row.advisory_count,
    dueAt: new Date(dueAt(row)).toISOString(),
  };
}

export class AdvisoryFeedService {
  /** Fetches under way in this process, by feed: "fetch now" during a scheduled fetch waits for that one. */
  private readonly running = new Map<number, Promise<FetchResult>>();

  constructor(
    private readonly store: FeedStore,
    private readonly advisories: AdvisoryService,
    private readonly logger: Logger,
    private readonly options: FeedOptions,
  ) {}

  list = async (): Promise<FeedView[]> => (await this.store.list()).map(viewOf);

  /**
   * A new feed. `anyPath`: the location may be any file or folder (the CLI, run by whoever runs the server);
   * otherwise (the API) only one under `fileRoot`, or a URL.
   */
  async add(f: { name: string; location: string; format?: string; every?: string }, options: { anyPath: boolean }): Promise<FeedView> {
    if (!namePattern.test(f.name)) throw unprocessable(`name: expected letters, digits, ".", "_" or "-" (at most 100, starting with a letter or digit), got ${JSON.stringify(f.name)}`);
    if (!(isFeedUrl(f.location) ? URL.canParse(f.location) : isAbsolute(f.location))) {
      throw unprocessable(`location: expected an http(s) URL or an absolute file or folder path, got ${JSON.stringify(f.location)}`);
    }
    if (!isFeedUrl(f.location) && !options.anyPath && !resolve(f.location).startsWith(resolve(this.options.fileRoot) + sep)) {
      throw new AppError('forbidden', `location: over the API, files and folders must be under ${this.options.fileRoot} (steward advisories feed add takes any path)`);
    }
    // fetch refuses such URLs, and the error it gives would repeat the password in the feed's last error.
    if (isFeedUrl(f.location) && new URL(f.location).username !== '') throw unprocessable('location: a URL with a user name or password in it cannot be fetched');
    const format = f.format ?? 'auto';
    if (!isFeedFormatChoice(format)) throw unprocessable(`format: expected one of ${feedFormatChoices.join(', ')}, got ${JSON.stringify(format)}`);
    const everyMs = this.everyOf(f.every ?? defaultEvery);
    if (await this.store.byName(f.name)) throw new AppError('conflict', `feed ${f.name} exists already`);
    return viewOf(await this.store.add({ name: f.name, location: f.location, format, everyMs }));
  }

  async remove(id: number): Promise<void> {
    if (!(await this.store.remove(id))) throw notFound(`feed ${id}`);
  }

  async byName(name: string): Promise<FeedView> {
    const row = await this.store.byName(name);
    if (!row) throw notFound(`feed ${name}`);
    return viewOf(row);
  }

  /** Fetches the feed now, due or not. A failure is an outcome (recorded on the feed), not an exception. */
  async fetchNow(id: number): Promise<FetchResult> {
    const row = await this.store.byId(id);
    if (!row) throw notFound(`feed ${id}`);
    return this.fetch(row);
  }

  /** Fetches every feed whose interval has passed since its last attempt, one after the other. Never throws. */
  async fetchDue(now = Date.now()): Promise<void> {
    try {
      for (const row of (await this.store.list()).filter((r) => dueAt(r) <= now)) {
        const result = await this.fetch(row);
        if (result.outcome === 'failed') this.logger.warn({ feed: row.name, error: result.error }, 'advisory feed not imported');
        else this.logger.info({ feed: row.name, outcome: result.outcome, ...(result.outcome === 'imported' ? { created: result.summary.created, updated: result.summary.updated } : {}) }, 'advisory feed fetched');
      }
    } catch (err) {
      this.logger.error({ err }, 'fetching due advisory feeds failed');
    }
  }

  private fetch(row: FeedRow): Promise<FetchResult> {
    let run = this.running.get(row.id);
    if (!run) {
      run = this.attempt(row).finally(() => this.running.delete(row.id));
      this.running.set(row.id, run);
    }
    return run;
  }

  private async attempt(row: FeedRow): Promise<FetchResult> {
    await this.store.attempted(row.id, nowIso());
    try {
      const read = await readFeed(row.location, { ...this.options, validators: { etag: row.etag, lastModified: row.last_modified } });
      if (!read.changed) {
        await this.store.unchanged(row.id);
        return { outcome: 'not-modified', feed: await this.current(row) };
      }
      const { feed } = parseFeedDocuments(read, row.format as FeedFormatChoice);
      const summary = await this.advisories.importFeed(feed);
      await this.store.succeeded(row.id, read.validators, nowIso(), summary.advisories);
      return { outcome: 'imported', summary, feed: await this.current(row) };
    } catch (err) {
      // A feed's own fault (unreachable, bad answer, bad content) is expected; anything else is ours, and logged in full.
      if (!(err instanceof FeedReadError || err instanceof FeedFormatError)) this.logger.error({ err, feed: row.name }, 'advisory feed import failed');
      const error = (err as Error).message.split('\n', 1)[0]!;
      await this.store.failed(row.id, error);
      return { outcome: 'failed', error, feed: await this.current(row) };
    }
  }

  /** The feed as stored now; as it was, if it was removed meanwhile. */
  private current = async (row: FeedRow) => viewOf((await this.store.byId(row.id)) ?? row);

  private everyOf(text: string): number {
    let ms: number;
    try {
      // Whole milliseconds: "1.5h" is fine, and the column holds integers.
      ms = Math.round(parseDuration(text, 'every'));
    } catch (err) {
      throw unprocessable((err as Error).message);
    }
    if (ms < minEveryMs || ms > maxEveryMs) throw unprocessable(`every: expected 1m to 24d, got ${JSON.stringify(text)}`);
    return ms;
  }
}
