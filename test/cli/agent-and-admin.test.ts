// The CLI against a real server and database: the agent reports this very machine; admin commands work on the
// database; failures exit non-zero with one readable line.
import { execFileSync } from 'node:child_process';
import { hostname, release } from 'node:os';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

interface Pkg {
  name: string;
  version: string;
  source: string;
  sourceVersion: string;
  arch: string;
}

/** dpkg's own view of what is installed here: the oracle for the agent. */
function dpkgQuery(): Pkg[] {
  const out = execFileSync('dpkg-query', ['-W', '-f', '${db:Status-Status}\\t${Package}\\t${Version}\\t${source:Package}\\t${source:Version}\\t${Architecture}\\n'], { encoding: 'utf8' });
  return out
    .trim()
    .split('\n')
    .map((l) => l.split('\t'))
    .filter((f) => f[0] === 'installed')
    .map(([, name, version, source, sourceVersion, arch]) => ({ name: name!, version: version!, source: source!, sourceVersion: sourceVersion!, arch: arch! }))
    .sort((a, b) => (a.name === b.name ? (a.arch < b.arch ? -1 : 1) : a.name < b.name ? -1 : 1));
}

describe('steward CLI (agent and admin commands) against a real server', () => {
  let server: TestServer;
  let db: string[];

  beforeAll(async () => {
    server = await startTestServer('sqlite');
    db = ['--database', server.steward.config.databaseUrl];
  });
  afterAll(async () => server?.cleanup());

  it('agent report --dry-run --json prints exactly the packages dpkg says are installed', async () => {
    const r = await runCli(['agent', 'report', '--dry-run', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as { host: { name: string; kernel: string }; packages: Pkg[] };
    expect(report.host.name).toBe(hostname());
    expect(report.host.kernel).toBe(release());
    const sorted = [...report.packages].sort((a, b) => (a.name === b.name ? (a.arch < b.arch ? -1 : 1) : a.name < b.name ? -1 : 1));
    expect(sorted).toEqual(dpkgQuery());
  });

  it('creates an agent token and reports this machine; a second report changes nothing', async () => {
    const token = await runCli(['token', 'create', '--name', 'test agents', '--kind', 'agent', ...db]);
    expect(token.code, token.stderr).toBe(0);
    const secret = token.stdout.trim();
    expect(secret).toMatch(/^stw_/);
    const first = await runCli(['agent', 'report', '--server', server.url, '--token', secret, '--json']);
    expect(first.code, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ created: true, run: { kind: 'initial', added: dpkgQuery().length } });
    const second = await runCli(['agent', 'report', '--server', server.url, '--token', secret]);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toContain('no change');
    const list = await runCli(['hosts', 'list', '--json', ...db]);
    expect(JSON.parse(list.stdout).items.map((h: { name: string }) => h.name)).toContain(hostname());
  });

  it('fails with one line and a non-zero code when the server or token is wrong', async () => {
    const noServer = await runCli(['agent', 'report', '--server', 'http://127.0.0.1:1', '--token', 'stw_x']);
    expect(noServer.code).not.toBe(0);
    expect(noServer.stderr.trim().split('\n')).toHaveLength(1);
    expect(noServer.stderr).toMatch(/cannot reach/);
    const badToken = await runCli(['agent', 'report', '--server', server.url, '--token', 'stw_wrong']);
    expect(badToken.code).not.toBe(0);
    expect(badToken.stderr).toMatch(/401.*unknown or revoked token/);
  });

  it('migrates, lists and revokes tokens, and rejects a malformed id', async () => {
    expect((await runCli(['migrate', ...db])).stdout).toContain('database is up to date');
    const created = await runCli(['token', 'create', '--name', 'to revoke', '--kind', 'api', ...db]);
    const tokens = JSON.parse((await runCli(['token', 'list', '--json', ...db])).stdout) as { id: number; name: string }[];
    const id = tokens.find((t) => t.name === 'to revoke')!.id;
    expect((await runCli(['token', 'revoke', String(id), ...db])).code).toBe(0);
    const reuse = await runCli(['agent', 'report', '--server', server.url, '--token', created.stdout.trim()]);
    expect(reuse.stderr).toMatch(/401/);
    const bad = await runCli(['token', 'revoke', 'abc', ...db]);
    expect(bad.code).toBe(1);
    expect(bad.stderr.trim()).toBe('steward: token id: expected a numeric id, got "abc"');
  });

  it('adds customers and users, imports a host list all or nothing', async () => {
    expect((await runCli(['customer', 'add', 'Acme', '--alias', 'acme-legacy', ...db])).code).toBe(0);
    const user = await runCli(['user', 'add', 'alice', '--role', 'customer', '--customer', 'acme-legacy', ...db]);
    expect(user.code, user.stderr).toBe(0);
    expect(user.stdout).toMatch(/password: \S{10,}/);
    const users = await runCli(['user', 'list', '--json', ...db]);
    expect(JSON.parse(users.stdout).map((u: { username: string }) => u.username)).toEqual(['admin', 'alice']);

    const dir = mkdtempSync(join(tmpdir(), 'steward-import-'));
    writeFileSync(join(dir, 'good.csv'), 'name,customer,tags\nweb1,Acme,web|prod\nweb2,acme-legacy,web\n');
    writeFileSync(join(dir, 'bad.csv'), 'name,customer,tags\nweb3,Acme,\nweb4,Nobody,\n');
    const good = await runCli(['hosts', 'import', join(dir, 'good.csv'), ...db]);
    expect(good.stdout).toContain('2 hosts created');
    const bad = await runCli(['hosts', 'import', join(dir, 'bad.csv'), ...db]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/line 3: unknown customer "Nobody"/);
    const names = JSON.parse((await runCli(['hosts', 'list', '--json', ...db])).stdout).items.map((h: { name: string }) => h.name);
    expect(names).toEqual(expect.arrayContaining(['web1', 'web2']));
    expect(names).not.toContain('web3');
    const missing = await runCli(['hosts', 'import', join(dir, 'nope.csv'), ...db]);
    expect(missing.stderr).toMatch(/cannot read .*nope\.csv/);
  });
});
