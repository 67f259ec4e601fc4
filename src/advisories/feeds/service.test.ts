// Feeds fetched from a local HTTP server that answers as the Debian/Ubuntu feed servers do (conditional GETs with
// ETag and Last-Modified, 304), and fails as they can (500, no answer, a body that stops); and feeds read from files.
import { cpSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createTestDatabase, describeEachDialect, type TestDatabase } from '../../../test/helpers/databases.js';
import { startFeedServer, type FeedServer } from '../../../test/helpers/feed-server.js';
import { closedPort } from '../../../test/helpers/ports.js';
import { fixture } from '../../../test/helpers/fixtures.js';
import { EventBus } from '../../core/events.js';
import { Scheduler } from '../../core/jobs.js';
import { createLogger } from '../../core/logger.js';
import { createInventory, type InventoryService } from '../../inventory/index.js';
import { advisoryFeedsJob, createAdvisories, createAdvisoryFeeds, type AdvisoryFeedService, type AdvisoryService } from '../index.js';

const header = (id: string, pkg: string) => `[29 Mar 2023] ${id} ${pkg} - security update`;
const dsa9001 = (fixed: string) => `${header('DSA-9001-1', 'openssl')}\n\t{CVE-2099-0001}\n\t[bookworm] - openssl ${fixed}\n`;
const firstList = dsa9001('3.0.20-1');
// The revision: DSA-9001-1 fixed in a later version, and a new advisory.
const revisedList = `${header('DSA-9002-1', 'zlib')}\n\t[bookworm] - zlib 1:1.3-1\n${dsa9001('3.0.21-1')}`;
// Line 5 has a tag the list format does not have; the good advisory before it must not be imported either.
const badList = `${firstList}${header('DSA-9003-1', 'zlib')}\n\t[bookworm] - zlib <frobbed>\n`;

describeEachDialect('advisory feeds', (dialect) => {
  const logger = createLogger('silent');
  let t: TestDatabase;
  let inventory: InventoryService;
  let advisories: AdvisoryService;
  let feeds: AdvisoryFeedService;
  let server: FeedServer;
  let dir: string;

  beforeEach(async () => {
    t = await createTestDatabase(dialect);
    const events = new EventBus(logger);
    inventory = createInventory(t.db, events);
    advisories = createAdvisories(t.db, inventory, events, logger);
    feeds = createAdvisoryFeeds(t.db, advisories, logger, { timeoutMs: 5000, maxBytes: 1024 ** 2, fileRoot: '/srv/steward/feeds' });
    server = await startFeedServer();
    dir = mkdtempSync(join(tmpdir(), 'steward-feeds-'));
    await inventory.ingest({ host: { name: 'web-1', osCodename: 'bookworm' }, packages: [{ name: 'libssl3', version: '3.0.8-1', arch: 'amd64', source: 'openssl', sourceVersion: '3.0.8-1' }] });
    await advisories.settle();
  });
  afterEach(async () => {
    await server.close();
    await advisories.settle();
    await t.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  const addUrlFeed = () => feeds.add({ name: 'debian-dsa', location: `${server.url}/tracker/data/DSA/list` }, { anyPath: false });
  const stored = async () => (await advisories.list({ customerId: null }, {}, { limit: 50, offset: 0 })).items.map((a) => a.id).sort();
  const openExposures = async () => (await advisories.hostsAtRisk({ customerId: null })).map((h) => [h.host.name, h.advisories]);
  const fixedVersionOf = async (id: string) => (await advisories.detail(id)).packages.map((p) => p.fixedVersion);

  it('imports on a 200 with an ETag, asks with If-None-Match next and does nothing on the 304, then imports the revised body', async () => {
    server.serve(firstList, { etag: '"dsa-v1"' });
    const feed = await addUrlFeed();
    expect(feed).toMatchObject({ format: 'auto', every: '6h', lastAttemptAt: null, lastSuccessAt: null, advisoryCount: null });

    const first = await feeds.fetchNow(feed.id);
    expect(first).toMatchObject({ outcome: 'imported', summary: { advisories: 1, created: 1, opened: 1 }, feed: { advisoryCount: 1, lastError: null } });
    expect(first.feed.lastSuccessAt).not.toBeNull();
    expect(server.requests[0]!.headers['if-none-match']).toBeUndefined();

    const second = await feeds.fetchNow(feed.id);
    expect(second.outcome).toBe('not-modified');
    expect(server.requests[1]!.headers['if-none-match']).toBe('"dsa-v1"');
    // Nothing was imported: the last success is still the first import's.
    expect(second.feed).toMatchObject({ lastSuccessAt: first.feed.lastSuccessAt, advisoryCount: 1, lastError: null });

    server.serve(revisedList, { etag: '"dsa-v2"' });
    const third = await feeds.fetchNow(feed.id);
    expect(third).toMatchObject({ outcome: 'imported', summary: { advisories: 2, created: 1, updated: 1, unchanged: 0 }, feed: { advisoryCount: 2 } });
    expect(await fixedVersionOf('DSA-9001-1')).toEqual(['3.0.21-1']);
    expect(await stored()).toEqual(['DSA-9001-1', 'DSA-9002-1']);
  });

  it('asks with If-Modified-Since when the server gives only Last-Modified', async () => {
    const lastModified = 'Wed, 29 Mar 2023 10:00:00 GMT';
    server.serve(firstList, { lastModified });
    const feed = await addUrlFeed();
    expect((await feeds.fetchNow(feed.id)).outcome).toBe('imported');
    expect((await feeds.fetchNow(feed.id)).outcome).toBe('not-modified');
    expect(server.requests[1]!.headers['if-modified-since']).toBe(lastModified);
  });

  it('keeps the previous data when the server answers 500, records the error, and clears it once the feed answers again', async () => {
    server.serve(firstList, { etag: '"dsa-v1"' });
    const feed = await addUrlFeed();
    const imported = await feeds.fetchNow(feed.id);

    server.fail(500);
    const failed = await feeds.fetchNow(feed.id);
    expect(failed).toMatchObject({ outcome: 'failed', error: 'answered 500 Internal Server Error' });
    expect((await feeds.list())[0]).toMatchObject({ lastError: 'answered 500 Internal Server Error', lastSuccessAt: imported.feed.lastSuccessAt, advisoryCount: 1 });
    expect(await stored()).toEqual(['DSA-9001-1']);
    expect(await openExposures()).toEqual([['web-1', 1]]);

    // The validators are still the last import's: the recovered server answers 304, and the error is gone.
    server.serve(firstList, { etag: '"dsa-v1"' });
    expect((await feeds.fetchNow(feed.id)).outcome).toBe('not-modified');
    expect(server.requests[2]!.headers['if-none-match']).toBe('"dsa-v1"');
    expect((await feeds.list())[0]!.lastError).toBeNull();
  });

  it('records a timeout, keeping the data, for a server that never answers and for one that stops halfway through the body', async () => {
    const impatient = createAdvisoryFeeds(t.db, advisories, logger, { timeoutMs: 300, maxBytes: 1024 ** 2, fileRoot: '/srv/steward/feeds' });
    server.serve(firstList, { etag: '"dsa-v1"' });
    const feed = await addUrlFeed();
    await impatient.fetchNow(feed.id);

    server.hang();
    expect(await impatient.fetchNow(feed.id)).toMatchObject({ outcome: 'failed', error: 'timed out after 0.3 s', feed: { lastError: 'timed out after 0.3 s', advisoryCount: 1 } });
    server.stall(revisedList.slice(0, 40));
    expect(await impatient.fetchNow(feed.id)).toMatchObject({ outcome: 'failed', error: 'timed out after 0.3 s' });
    expect(await stored()).toEqual(['DSA-9001-1']);
    expect(await fixedVersionOf('DSA-9001-1')).toEqual(['3.0.20-1']);
  });

  it('refuses a body larger than the limit, by its Content-Length', async () => {
    const small = createAdvisoryFeeds(t.db, advisories, logger, { timeoutMs: 5000, maxBytes: 64, fileRoot: '/srv/steward/feeds' });
    server.serve(revisedList);
    const feed = await addUrlFeed();
    expect(await small.fetchNow(feed.id)).toMatchObject({ outcome: 'failed', error: 'is larger than 64 B (advisories.importBodyLimit)' });
    expect(await stored()).toEqual([]);
  });

  it('records an unreachable server as such', async () => {
    const port = await closedPort();
    const feed = await feeds.add({ name: 'gone', location: `http://127.0.0.1:${port}/list` }, { anyPath: false });
    const result = await feeds.fetchNow(feed.id);
    expect(result).toMatchObject({ outcome: 'failed' });
    expect(result.outcome === 'failed' && result.error).toMatch(new RegExp(`^cannot be reached: .*ECONNREFUSED 127\\.0\\.0\\.1:${port}$`));
  });

  it('imports nothing of a body with a bad line, and records the error naming the line', async () => {
    server.serve(badList, { etag: '"bad"' });
    const feed = await addUrlFeed();
    const result = await feeds.fetchNow(feed.id);
    expect(result).toMatchObject({ outcome: 'failed', feed: { lastSuccessAt: null, advisoryCount: null } });
    expect(result.outcome === 'failed' && result.error).toMatch(/^list line 5: unknown tag <frobbed>: expected one of <not-affected>, /);
    expect(await stored()).toEqual([]);
    // The bad body's ETag was not kept: the next fetch asks for the whole feed again.
    await feeds.fetchNow(feed.id);
    expect(server.requests[1]!.headers['if-none-match']).toBeUndefined();
  });

  it('reads a file feed again only when the file changed, and a folder of OSV files', async () => {
    const file = join(dir, 'DSA-list');
    writeFileSync(file, firstList);
    const feed = await feeds.add({ name: 'local-dsa', location: file, format: 'dsa-list', every: '90m' }, { anyPath: true });
    expect(feed.every).toBe('90m');
    expect((await feeds.fetchNow(feed.id)).outcome).toBe('imported');
    expect((await feeds.fetchNow(feed.id)).outcome).toBe('not-modified');
    writeFileSync(file, revisedList);
    utimesSync(file, new Date(), new Date(Date.now() + 5000));
    expect(await feeds.fetchNow(feed.id)).toMatchObject({ outcome: 'imported', summary: { created: 1, updated: 1 } });

    const osv = join(dir, 'osv');
    cpSync(fixture('ubuntu/osv'), osv, { recursive: true });
    const folder = await feeds.add({ name: 'ubuntu-osv', location: osv }, { anyPath: true });
    const result = await feeds.fetchNow(folder.id);
    expect(result).toMatchObject({ outcome: 'imported', feed: { advisoryCount: readdirSync(osv).length } });
  });

  it('runs a due feed once from the scheduled job, and not again until its interval has passed', async () => {
    server.serve(firstList, { etag: '"dsa-v1"' });
    await addUrlFeed();
    const job = advisoryFeedsJob(feeds);
    expect(job).toMatchObject({ name: 'advisories.feeds', everyMs: 60_000 });
    const scheduler = new Scheduler(t.db, logger);
    expect(await scheduler.runOnce(job)).toBe(true);
    expect(server.requests).toHaveLength(1);
    expect(await stored()).toEqual(['DSA-9001-1']);
    // The next minute's tick finds nothing due; another replica does not even get the lease this minute.
    expect(await scheduler.runOnce(job)).toBe(true);
    expect(await new Scheduler(t.db, logger).runOnce(job)).toBe(false);
    expect(server.requests).toHaveLength(1);
    // Six hours on, it is due again.
    await feeds.fetchDue(Date.now() + 6 * 3_600_000);
    expect(server.requests).toHaveLength(2);
  });

  it('refuses a bad name, location, format or interval, a second feed of one name, and an unknown feed', async () => {
    const add = (f: Partial<{ name: string; location: string; format: string; every: string }>) => feeds.add({ name: 'ok', location: '/srv/steward/feeds/list', ...f }, { anyPath: false });
    // Over the API, the server's own files are out of reach; the CLI may name any.
    await expect(add({ location: '/etc/shadow' })).rejects.toMatchObject({ code: 'forbidden', message: expect.stringMatching(/must be under \/srv\/steward\/feeds/) });
    await expect(add({ location: '/srv/steward/feeds/../../../etc/shadow' })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(add({ name: 'two words' })).rejects.toThrow(/^name: expected letters, digits/);
    await expect(add({ location: 'feeds/list' })).rejects.toThrow(/^location: expected an http\(s\) URL or an absolute file or folder path, got "feeds\/list"/);
    await expect(add({ location: 'ftp://example.org/list' })).rejects.toThrow(/^location: /);
    await expect(add({ location: 'https://user:secret@example.org/list' })).rejects.toThrow('location: a URL with a user name or password in it cannot be fetched');
    await expect(add({ format: 'csv' })).rejects.toThrow('format: expected one of dsa-list, tracker-json, usn-json, osv, auto, got "csv"');
    await expect(add({ every: '30s' })).rejects.toThrow('every: expected 1m to 24d, got "30s"');
    await expect(add({ every: 'often' })).rejects.toThrow(/^every: expected a duration/);
    await add({});
    await expect(add({})).rejects.toMatchObject({ code: 'conflict', message: 'feed ok exists already' });
    await expect(feeds.fetchNow(999)).rejects.toMatchObject({ code: 'not_found' });
    await expect(feeds.remove(999)).rejects.toMatchObject({ code: 'not_found' });
    await expect(feeds.byName('nope')).rejects.toMatchObject({ code: 'not_found' });
  });
});
