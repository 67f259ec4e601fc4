// `steward version update|list` as a user runs them, against a real server: updates over UDP and HTTP land, the
// list filters like GET /api/v1/app-versions and prints a table, JSON or CSV, and every failure is one line on stderr.
import { hostname } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unscoped } from '../../src/core/auth/permissions.js';
import { runCli, type CliResult } from '../helpers/cli.js';
import { eventually } from '../helpers/eventually.js';
import { closedPort } from '../helpers/ports.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const failedWithOneLine = (r: CliResult, message: string | RegExp) => {
  expect(r.code, r.stdout).not.toBe(0);
  expect(r.stderr.trim().split('\n'), r.stderr).toHaveLength(1);
  expect(r.stderr).toMatch(message);
  expect(r.stdout).toBe('');
};

// Each CLI run starts Node and tsx (1–2 s): the tests that run many get more time than the default.
const manyRuns = 90_000;

describe('steward version', () => {
  let server: TestServer;
  let db: string[];
  let udp: string[];
  const recordsOf = (host: string) => server.steward.apps.records(unscoped, { host }, 'app', 'asc', null).then((r) => r.items);

  beforeAll(async () => {
    server = await startTestServer('sqlite');
    db = ['--database', server.steward.config.databaseUrl];
    udp = ['--port', String(server.udpPort)];
  });
  afterAll(async () => server?.cleanup());

  it('update sends over UDP, silently; HOST defaults to this machine and INSTANCE to 0', async () => {
    const sent = await runCli(['version', 'update', 'CLI App', '1.0', 'cli-1', '3', '--server', '127.0.0.1', ...udp]);
    expect(sent, sent.stderr).toEqual({ code: 0, stdout: '', stderr: '' });
    const [r] = await eventually(() => recordsOf('cli-1'), (rs) => rs.length === 1, 'records of cli-1');
    expect(r).toMatchObject({ appId: 'cli_app', app: 'CLI App', ver: '1.0', instance: 3 });

    const defaults = await runCli(['version', 'update', 'CLI Default', '2.0', ...udp, '--verbose']);
    expect(defaults.code, defaults.stderr).toBe(0);
    expect(defaults.stdout).toBe(`sent CLI Default 2.0 (host ${hostname()}, instance 0) over UDP to localhost:${server.udpPort} (UDP cannot confirm delivery; --http can)\n`);
    const mine = await eventually(() => recordsOf(hostname()), (rs) => rs.some((x) => x.appId === 'cli_default'), `records of ${hostname()}`);
    expect(mine.find((x) => x.appId === 'cli_default')).toMatchObject({ ver: '2.0', instance: 0 });
  });

  it('update --http sends to the server and waits for its answer', async () => {
    const sent = await runCli(['version', 'update', 'CLI App', '1.1', 'cli-2', '--http', server.url, '--app-data', '{"build":"42"}', '--verbose']);
    expect(sent.code, sent.stderr).toBe(0);
    expect(sent.stdout).toBe(`sent CLI App 1.1 (host cli-2, instance 0) to ${server.url}: accepted\n`);
    expect(await recordsOf('cli-2')).toMatchObject([{ appId: 'cli_app', ver: '1.1', appData: '{"build":"42"}' }]);
  });

  it('list filters the records and prints a table, JSON or CSV', async () => {
    await eventually(() => recordsOf('cli-1'), (rs) => rs.length === 1, 'records of cli-1'); // written to the database
    const json = async (...args: string[]) => {
      const r = await runCli(['version', 'list', '--json', ...args, ...db]);
      expect(r.code, r.stderr).toBe(0);
      return JSON.parse(r.stdout) as { items: { host: string; ver: string }[]; total: number };
    };
    const hosts = (list: { items: { host: string }[] }) => list.items.map((r) => r.host);
    // An hour ago, written with an offset that makes its text read later than now: compared as UTC, it is before.
    const hourAgoWithOffset = new Date(Date.now() + 3_600_000).toISOString().replace('Z', '+02:00');
    const [all, byVer, host, ver, instance, query, since, future, paged] = await Promise.all([
      json('--app-id', 'cli_app'),
      json('--app-id', 'cli_app', '--sort', 'ver', '--order', 'desc'),
      json('--host', 'cli-1'),
      json('--ver', '1.1'),
      json('--app-id', 'cli_app', '--instance', '3'),
      json('-q', 'CLI-'),
      json('--app-id', 'cli_app', '--since', '2000-01-01', '--updated-since', hourAgoWithOffset),
      json('--updated-since', new Date(Date.now() + 3_600_000).toISOString()),
      json('--app-id', 'cli_app', '--limit', '1', '--offset', '1'),
    ]);
    expect(hosts(all)).toEqual(['cli-1', 'cli-2']);
    expect(hosts(byVer)).toEqual(['cli-2', 'cli-1']);
    expect(hosts(host)).toEqual(['cli-1']);
    expect(hosts(ver)).toEqual(['cli-2']);
    expect(hosts(instance)).toEqual(['cli-1']);
    expect(hosts(query)).toEqual(['cli-1', 'cli-2']);
    expect(hosts(since)).toEqual(['cli-1', 'cli-2']);
    expect(future.items).toEqual([]);
    expect(paged).toMatchObject({ items: [{ host: 'cli-2' }], total: 2 });

    const table = await runCli(['version', 'list', '--app-id', 'cli_app', '--limit', '1', ...db]);
    const lines = table.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^appId\s+app\s+ver\s+host\s+instance\s+hostIp\s+versionSince\s+lastSeen\s+hostId$/);
    expect(lines[1]).toMatch(/^cli_app\s+CLI App\s+1\.0\s+cli-1\s+3\s+127\.0\.0\.1\s/);
    expect(lines[2]).toBe('(1 of 2 shown; --limit and --offset show others)');

    const csv = await runCli(['version', 'list', '--csv', '--app-id', 'cli_app', ...db]);
    const rows = csv.stdout.split('\r\n');
    expect(rows[0]).toBe('app_id,app,ver,host,instance,host_ip,first_seen,last_seen,version_since,host_id,app_data');
    expect(rows[1]).toMatch(/^cli_app,CLI App,1\.0,cli-1,3,127\.0\.0\.1,\S+,\S+,\S+,,$/);
    expect(rows[2]).toMatch(/^cli_app,CLI App,1\.1,cli-2,0,127\.0\.0\.1,.*,"\{""build"":""42""\}"$/);
    expect(rows).toHaveLength(4); // header, two records, and the empty string after the last CRLF
  }, manyRuns);

  const failEach = async (cases: [string[], string | RegExp][]) => {
    const results = await Promise.all(cases.map(([args]) => runCli(args)));
    results.forEach((r, i) => failedWithOneLine(r, cases[i]![1]));
  };

  it('update fails with one line on stderr and a non-zero code', async () => {
    const nobody = `http://127.0.0.1:${await closedPort()}`;
    await failEach([
      [['version', 'update', 'a', '1', 'h', '70000', ...udp], 'steward: INSTANCE: expected an integer 0..65535, got "70000"'],
      [['version', 'update', 'a', '1', 'h', 'abc', ...udp], 'steward: INSTANCE: expected an integer 0..65535, got "abc"'],
      [['version', 'update', '', '1', ...udp], 'steward: app: must not be empty'],
      [['version', 'update', 'a', '1', '--port', '99999'], 'steward: --port: expected an integer 1..65535, got "99999"'],
      [['version', 'update', 'a', '1', '--server', 'no-such-host.invalid', ...udp], /^steward: cannot resolve no-such-host\.invalid: /],
      [['version', 'update', 'a', '1', '--app-data', '[1]', ...udp], 'steward: --app-data: expected a JSON object'],
      [['version', 'update', 'a', '1', '--app-data', '{', ...udp], /^steward: --app-data: not JSON: /],
      [['version', 'update', 'a', '1', '--hmac-key', 'nocolon', ...udp], 'steward: --hmac-key: expected <key id>:<secret>'],
      [['version', 'update', 'a', '1', '--token', 't', ...udp], 'steward: --token is for --http'],
      [['version', 'update', 'a', '1', '--http', nobody, '--port', '7777'], 'steward: --server and --port are for UDP'],
      [['version', 'update', 'a', '1', '--http', nobody], new RegExp(`^steward: cannot reach ${nobody}: connect ECONNREFUSED`)],
      [['version', 'update', 'a', '1', '--http', server.url, '--token', 'stw_wrong'], 'steward: server answered 401: unknown or revoked token'],
      [['version', 'update', 'a'], /missing required argument 'version'/],
    ]);
  }, manyRuns);

  it('list fails with one line on stderr and a non-zero code', async () => {
    await failEach([
      [['version', 'list', '--since', 'yesterday', ...db], 'steward: --since: expected an ISO 8601 date or time'],
      [['version', 'list', '--sort', 'size', ...db], 'steward: --sort: expected one of app, host, ver, instance, lastSeen, versionSince, got "size"'],
      [['version', 'list', '--order', 'up', ...db], 'steward: --order: expected one of asc, desc, got "up"'],
      [['version', 'list', '--instance', '-1', ...db], 'steward: --instance: expected an integer 0..65535, got "-1"'],
      [['version', 'list', '--host-id', 'x', ...db], 'steward: --host-id: expected a numeric id, got "x"'],
      [['version', 'list', '--limit', '0', ...db], 'steward: --limit: expected an integer 1..100000, got "0"'],
      [['version', 'list', '--json', '--csv', ...db], 'steward: --json and --csv: choose one'],
    ]);
  }, manyRuns);
});
