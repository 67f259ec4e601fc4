import { join } from 'node:path';
// The feed routes over HTTP (inject), fetching from a local server that answers as a Debian feed server does
// (ETag, 304) or fails with a 500.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/helpers/databases.js';
import { startFeedServer, type FeedServer } from '../../../test/helpers/feed-server.js';
import { adminPassword, createTestApp, type TestApp } from '../../../test/helpers/server.js';

const list = '[29 Mar 2023] DSA-9001-1 openssl - security update\n\t{CVE-2099-0001}\n\t[bookworm] - openssl 3.0.20-1\n';

describeEachDialect('advisory feed routes', (dialect) => {
  let t: TestApp;
  let server: FeedServer;
  let headers: { cookie: string };

  beforeAll(async () => {
    t = await createTestApp(dialect);
    server = await startFeedServer();
    headers = { cookie: await t.login('admin', adminPassword) };
  });
  afterAll(async () => {
    await server?.close();
    await t?.cleanup();
  });

  const call = (method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object) => t.app.inject({ method, url, headers, payload });

  it('adds a feed, fetches it now (the summary, then not-modified), shows a failed fetch as 422 and in the list, and removes it', async () => {
    server.serve(list, { etag: '"v1"' });
    const added = await call('POST', '/api/v1/advisory-feeds', { name: 'debian-dsa', location: `${server.url}/DSA/list`, format: 'dsa-list', every: '1h' });
    expect(added.statusCode, added.body).toBe(201);
    const id = added.json().id as number;
    expect(added.json()).toMatchObject({ name: 'debian-dsa', format: 'dsa-list', every: '1h', everyMs: 3_600_000, lastError: null });

    const fetched = await call('POST', `/api/v1/advisory-feeds/${id}/fetch`);
    expect(fetched.statusCode, fetched.body).toBe(200);
    expect(fetched.json()).toMatchObject({ outcome: 'imported', summary: { created: 1 }, feed: { advisoryCount: 1 } });
    expect((await call('POST', `/api/v1/advisory-feeds/${id}/fetch`)).json()).toMatchObject({ outcome: 'not-modified' });

    server.fail(500);
    const failed = await call('POST', `/api/v1/advisory-feeds/${id}/fetch`);
    expect(failed.statusCode).toBe(422);
    expect(failed.json().error).toMatchObject({ code: 'unprocessable', message: 'feed debian-dsa: answered 500 Internal Server Error', details: { feed: { id } } });
    const listed = await call('GET', '/api/v1/advisory-feeds');
    expect(listed.json().items).toEqual([expect.objectContaining({ id, lastError: 'answered 500 Internal Server Error', advisoryCount: 1, lastSuccessAt: fetched.json().feed.lastSuccessAt })]);

    expect((await call('DELETE', `/api/v1/advisory-feeds/${id}`)).statusCode).toBe(204);
    expect((await call('DELETE', `/api/v1/advisory-feeds/${id}`)).statusCode).toBe(404);
    expect((await call('GET', '/api/v1/advisory-feeds')).json().items).toEqual([]);
    // The advisories it imported stay.
    expect((await call('GET', '/api/v1/advisories/DSA-9001-1')).statusCode).toBe(200);
  });

  it('refuses a feed with an unknown format (400), a relative path (422), a file outside the feeds folder (403), and one name twice (409)', async () => {
    const feedsDir = join(t.steward.config.dataDir, 'feeds');
    expect((await call('POST', '/api/v1/advisory-feeds', { name: 'x', location: join(feedsDir, 'list'), format: 'csv' })).statusCode).toBe(400);
    const relative = await call('POST', '/api/v1/advisory-feeds', { name: 'x', location: 'list' });
    expect(relative.statusCode).toBe(422);
    expect(relative.json().error.message).toMatch(/^location: /);
    const outside = await call('POST', '/api/v1/advisory-feeds', { name: 'x', location: '/etc/passwd' });
    expect(outside.statusCode).toBe(403);
    expect(outside.json().error.message).toContain(feedsDir);
    expect((await call('POST', '/api/v1/advisory-feeds', { name: 'twice', location: join(feedsDir, 'list') })).statusCode).toBe(201);
    expect((await call('POST', '/api/v1/advisory-feeds', { name: 'twice', location: join(feedsDir, 'other') })).statusCode).toBe(409);
  });
});
