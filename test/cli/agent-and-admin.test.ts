// The CLI against a real server and database: the agent reports this very machine; admin commands work on the
// database; failures exit non-zero with one readable line.
import { hostname, release } from 'node:os';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { dpkgInstalledRows, packageRow } from '../helpers/dpkg.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

interface Pkg {
  name: string;
  version: string;
  source: string;
  sourceVersion: string;
  arch: string;
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
    expect(report.packages.map(packageRow).sort()).toEqual(dpkgInstalledRows());
  });

  it('creates an agent token, reports this machine in full, then only its changes', async () => {
    const token = await runCli(['token', 'create', '--name', 'test agents', '--kind', 'agent', ...db]);
    expect(token.code, token.stderr).toBe(0);
    const secret = token.stdout.trim();
    expect(secret).toMatch(/^stw_/);
    const dir = mkdtempSync(join(tmpdir(), 'steward-agent-'));
    const agent = ['agent', 'report', '--server', server.url, '--token', secret, '--state', join(dir, 'state.json')];
    const first = await runCli([...agent, '--json']);
    expect(first.code, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ mode: 'full', created: true, run: { kind: 'initial', added: dpkgInstalledRows().length } });
    const second = await runCli(agent);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toMatch(/\(delta\): \d+ packages, no change/);

    // One package upgraded on disk: the agent sends just that change.
    const status = readFileSync('/var/lib/dpkg/status', 'utf8');
    const m = /^Package: (\S+)\nStatus: install ok installed\n(?:[^\n]+\n)*?Version: (\S+)$/m.exec(status)!;
    const edited = join(dir, 'status');
    writeFileSync(edited, status.replace(m[0], m[0].replace(`Version: ${m[2]}`, `Version: ${m[2]}+steward1`)));
    const third = await runCli([...agent, '--status', edited, '--json']);
    expect(JSON.parse(third.stdout)).toMatchObject({ mode: 'delta', packagesChanged: true, run: { added: 0, removed: 0, upgraded: 1 } });

    // A state the server does not share (another base) falls back to a full report.
    const state = JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8'));
    writeFileSync(join(dir, 'state.json'), JSON.stringify({ ...state, digest: '0'.repeat(64) }));
    const fourth = await runCli([...agent, '--json']);
    expect(JSON.parse(fourth.stdout)).toMatchObject({ mode: 'full', run: { upgraded: 1 } });
    const list = await runCli(['hosts', 'list', '--json', ...db]);
    expect(JSON.parse(list.stdout).items.map((h: { name: string }) => h.name)).toContain(hostname());
  });

  it('fails with one line and a non-zero code when the server or token is wrong', async () => {
    const noServer = await runCli(['agent', 'report', '--server', 'http://127.0.0.1:1', '--token', 'stw_x', '--state', join(tmpdir(), 'steward-no-state.json')]);
    expect(noServer.code).not.toBe(0);
    expect(noServer.stderr.trim().split('\n')).toHaveLength(1);
    expect(noServer.stderr).toMatch(/cannot reach/);
    const badToken = await runCli(['agent', 'report', '--server', server.url, '--token', 'stw_wrong', '--state', join(tmpdir(), 'steward-no-state.json')]);
    expect(badToken.code).not.toBe(0);
    expect(badToken.stderr).toMatch(/401.*unknown or revoked token/);
  });

  it('migrates, lists and revokes tokens, and rejects a malformed id', async () => {
    expect((await runCli(['migrate', ...db])).stdout).toContain('database is up to date');
    const created = await runCli(['token', 'create', '--name', 'to revoke', '--kind', 'api', ...db]);
    const tokens = JSON.parse((await runCli(['token', 'list', '--json', ...db])).stdout) as { id: number; name: string }[];
    const id = tokens.find((t) => t.name === 'to revoke')!.id;
    expect((await runCli(['token', 'revoke', String(id), ...db])).code).toBe(0);
    const reuse = await runCli(['agent', 'report', '--server', server.url, '--token', created.stdout.trim(), '--state', join(tmpdir(), 'steward-no-state.json')]);
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
