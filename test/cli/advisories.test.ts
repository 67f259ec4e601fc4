// `steward advisories …`, the real command, on a temporary database: importing the real DSA list and Ubuntu OSV
// notices, refusing a bad list whole, listing, and feeds — from a file, and from a local HTTP server that answers 500
// (the Debian feed servers cannot be reached from tests).
import { copyFileSync, cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { startFeedServer, type FeedServer } from '../helpers/feed-server.js';
import { fixture } from '../helpers/fixtures.js';

// The 2023-04 snapshot: 5,406 advisory headers; DSA-423's version field repeats its package name (skipped, counted).
const dsaCount = 5406;
const nameAsVersion = 'entry whose version repeats the package name (no version given)';

describe('steward advisories (CLI)', () => {
  let dir: string;
  let db: string[];
  let server: FeedServer;
  const path = (name: string) => join(dir, name);
  const cli = (...args: string[]) => runCli([...args, ...db]);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'steward-advisories-cli-'));
    db = ['--database', path('steward.db')];
    copyFileSync(fixture('debian/DSA-list'), path('DSA-list'));
    cpSync(fixture('ubuntu/osv'), path('osv'), { recursive: true });
    server = await startFeedServer();
  });
  afterAll(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('imports the real DSA list with progress lines and a summary, then finds every advisory unchanged', async () => {
    const first = await cli('advisories', 'import', path('DSA-list'));
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout.split('\n')).toEqual([
      `reading ${path('DSA-list')}`,
      'parsing 838 KB',
      `importing ${dsaCount} advisories (dsa-list): writing them, then evaluating the hosts they touch`,
      `imported ${path('DSA-list')} (dsa-list): ${dsaCount} advisories, ${dsaCount} created, 0 updated, 0 unchanged`,
      `skipped: 1 ${nameAsVersion}`,
      'hosts evaluated: 0 (0 distinct packages judged); exposures: 0 opened, 0 closed',
      '',
    ]);
    const again = await cli('advisories', 'import', path('DSA-list'), '--format', 'dsa-list', '--json');
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout)).toEqual({
      location: path('DSA-list'),
      format: 'dsa-list',
      advisories: dsaCount,
      created: 0,
      updated: 0,
      unchanged: dsaCount,
      skipped: { [nameAsVersion]: 1 },
      withdrawn: 0,
      hosts: 0,
      evaluated: 0,
      opened: 0,
      closed: 0,
    });
  });

  it('refuses a list with a bad line whole: exit 1, one line naming it, nothing changed', async () => {
    const text = readFileSync(path('DSA-list'), 'utf8');
    // A revision of the first advisory that must not land, and an unknown tag further down.
    const bad = text.replace('xorg-server 2:1.20.11-1+deb11u6', 'xorg-server 2:1.20.11-1+deb11u7').replace('[bullseye] - sox 14.4.2+git20190427-2+deb11u2', '[bullseye] - sox <frobbed>');
    writeFileSync(path('bad-list'), bad);
    const line = bad.split('\n').findIndex((l) => l.includes('<frobbed>')) + 1;
    const r = await cli('advisories', 'import', path('bad-list'));
    expect(r.code).toBe(1);
    expect(r.stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(new RegExp(`^steward: ${path('bad-list')}: list line ${line}: unknown tag <frobbed>: expected one of `))]);
    // Had the revision landed, the good list would now update DSA-5380-1 back.
    const good = await cli('advisories', 'import', path('DSA-list'), '--json');
    expect(JSON.parse(good.stdout)).toMatchObject({ created: 0, updated: 0, unchanged: dsaCount });
    const shown = await cli('advisories', 'list', '-q', 'DSA-5380-1', '--json');
    expect(JSON.parse(shown.stdout)).toMatchObject({ total: 1, items: [{ id: 'DSA-5380-1', cves: ['CVE-2023-1393'] }] });
    const unknownFormat = await cli('advisories', 'import', path('DSA-list'), '--format', 'yaml');
    expect(unknownFormat.code).toBe(1);
    expect(unknownFormat.stderr).toBe('steward: --format: expected one of dsa-list, tracker-json, usn-json, osv, auto, got "yaml"\n');
  });

  it('imports a folder of real OSV notices, and lists advisories by text and release', async () => {
    const r = await cli('advisories', 'import', path('osv'), '--json');
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ format: 'osv', advisories: readdirSync(path('osv')).length, created: readdirSync(path('osv')).length });
    const jammy = await cli('advisories', 'list', '--release', '22.04', '-q', 'openssl', '--json');
    expect(JSON.parse(jammy.stdout).items.map((a: { id: string }) => a.id).sort()).toEqual(['USN-6622-1', 'USN-6937-1']);
    const table = await cli('advisories', 'list', '-q', 'CVE-2023-1393');
    expect(table.stdout.split('\n')[0]).toMatch(/^id +source +issued +severity +title +cves$/);
    expect(table.stdout.split('\n')[1]).toMatch(/^DSA-5380-1 +debian +2023-03-29 +xorg-server - security update +CVE-2023-1393$/);
    const badRelease = await cli('advisories', 'list', '--release', 'nonesuch');
    expect(badRelease.stderr).toMatch(/^steward: --release: unknown release "nonesuch"/);
  });

  it('imports from a URL, answered by a local server as a Debian feed server answers', async () => {
    server.serve('[30 Mar 2023] DSA-9002-1 zlib - security update\n\t[bookworm] - zlib 1:1.3-1\n', { etag: '"v1"' });
    const r = await cli('advisories', 'import', `${server.url}/DSA/list`, '--json');
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ location: `${server.url}/DSA/list`, format: 'dsa-list', created: 1 });
    server.fail(503);
    const failed = await cli('advisories', 'import', `${server.url}/DSA/list`);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toBe(`steward: ${server.url}/DSA/list: answered 503 Service Unavailable\n`);
  });

  it('adds, lists, fetches and removes feeds; a feed that answers 500 exits 1 and shows its error in the list', async () => {
    writeFileSync(path('small-list'), '[29 Mar 2023] DSA-9001-1 openssl - security update\n\t[bookworm] - openssl 3.0.20-1\n');
    const added = await cli('advisories', 'feed', 'add', 'local', path('small-list'), '--every', '12h');
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toBe(`added feed local: ${path('small-list')} (auto), every 12h\n`);
    server.fail(500);
    expect((await cli('advisories', 'feed', 'add', 'remote', `${server.url}/DSA/list`, '--format', 'dsa-list')).code).toBe(0);
    expect((await cli('advisories', 'feed', 'add', 'local', path('small-list'))).stderr).toBe('steward: feed local exists already\n');

    const fetched = await cli('advisories', 'feed', 'fetch', 'local');
    expect(fetched.code, fetched.stderr).toBe(0);
    expect(fetched.stdout.split('\n')[0]).toBe('feed local: 1 advisories, 1 created, 0 updated, 0 unchanged');
    expect((await cli('advisories', 'feed', 'fetch', 'local')).stdout).toBe('feed local: not modified since its last import\n');
    const failed = await cli('advisories', 'feed', 'fetch', 'remote');
    expect(failed.code).toBe(1);
    expect(failed.stderr).toBe('steward: feed remote: answered 500 Internal Server Error\n');

    const list = await cli('advisories', 'feed', 'list', '--json');
    expect(JSON.parse(list.stdout)).toEqual([
      expect.objectContaining({ name: 'local', format: 'auto', every: '12h', advisoryCount: 1, lastError: null, lastSuccessAt: expect.any(String) }),
      expect.objectContaining({ name: 'remote', format: 'dsa-list', every: '6h', advisoryCount: null, lastError: 'answered 500 Internal Server Error', lastSuccessAt: null }),
    ]);
    const table = (await cli('advisories', 'feed', 'list')).stdout.split('\n');
    expect(table[0]).toMatch(/^name +format +every +advisories +lastAttempt +lastSuccess +lastError +location$/);
    expect(table[2]).toMatch(/^remote +dsa-list +6h +\S+ +answered 500 Internal Server Error +http:\/\/127\.0\.0\.1:\d+\/DSA\/list$/);

    expect((await cli('advisories', 'feed', 'remove', 'remote')).stdout).toBe('removed feed remote (the advisories it imported stay)\n');
    expect((await cli('advisories', 'feed', 'remove', 'remote')).stderr).toBe('steward: feed remote not found\n');
    expect(JSON.parse((await cli('advisories', 'feed', 'list', '--json')).stdout).map((f: { name: string }) => f.name)).toEqual(['local']);
  });
});
