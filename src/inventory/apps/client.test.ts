// The client against a real server: updates sent over UDP and HTTP land as records, what the server refuses comes
// back with its message, a reporter repeats until stopped, and signed updates reach a server that requires them.
import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../core/config.js';
import { unscoped } from '../../core/auth/permissions.js';
import { eventually } from '../../../test/helpers/eventually.js';
import { closedPort } from '../../../test/helpers/ports.js';
import { startTestServer, type TestServer } from '../../../test/helpers/server.js';
import { sendHttp, sendUdp, startReporter, type UpdateSendError } from './client.js';

const recordsOf = (s: TestServer, host: string) => s.steward.apps.records(unscoped, { host }, 'app', 'asc', null).then((r) => r.items);
const landed = (s: TestServer, host: string) => eventually(() => recordsOf(s, host), (rs) => rs.length > 0, `records of ${host}`);
const failure = (p: Promise<unknown>) => p.then(() => expect.unreachable('should have failed'), (err: UpdateSendError) => err);

describe('app version client against a server taking anonymous updates', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('sqlite');
  });
  afterAll(async () => server?.cleanup());

  it('sendUdp: one datagram to localhost (the default) lands as a record', async () => {
    await sendUdp({ app: 'Client UDP', ver: '1.0', host: 'client-udp', instance: 2, appData: { build: 7 } }, { port: server.udpPort });
    const [r] = await landed(server, 'client-udp');
    expect(r).toMatchObject({ appId: 'client_udp', app: 'Client UDP', ver: '1.0', instance: 2, hostIp: '127.0.0.1', appData: '{"build":7}' });
  });

  it('sendUdp rejects what fails locally: a bad update, a name that does not resolve', async () => {
    const port = server.udpPort;
    await expect(sendUdp({ app: 'x', ver: '1', instance: 70000 }, { port })).rejects.toThrow('instance: expected an integer 0..65535, got 70000');
    await expect(sendUdp({ app: '', ver: '1' }, { port })).rejects.toThrow('app: must not be empty');
    await expect(sendUdp({ app: 'x', ver: '1', appData: { pad: 'x'.repeat(3000) } }, { port })).rejects.toThrow('app_data: at most 2048 bytes of JSON');
    await expect(sendUdp({ app: 'x', ver: '1' }, { port: 0 })).rejects.toThrow('port: expected an integer 1..65535, got 0');
    await expect(sendUdp({ app: 'x', ver: '1' }, { server: 'no-such-host.invalid', port })).rejects.toThrow(/^cannot resolve no-such-host\.invalid: /);
  });

  it('sendHttp: the update is a record once the server answered', async () => {
    await sendHttp({ app: 'Client HTTP', ver: '2.0', host: 'client-http' }, { url: server.url });
    expect(await recordsOf(server, 'client-http')).toMatchObject([{ appId: 'client_http', ver: '2.0', instance: 0, appData: null }]);
  });

  it('sendHttp refuses a bad update with the message the server gives, and carries the server\'s refusals', async () => {
    // Checked with the server's own parser before it leaves: the message is the one the server answers with.
    const bad = { app: 'x', ver: '1', instance: 70000 };
    const local = await failure(sendHttp(bad, { url: server.url }));
    const answer = await fetch(`${server.url}/api/v1/update/`, { method: 'POST', body: JSON.stringify(bad) });
    expect(answer.status).toBe(415);
    expect(((await answer.json()) as { error: string }).error).toBe(`ERROR: ApiUpdate: ${local.message}`);

    const refused = await failure(sendHttp({ app: 'x', ver: '1' }, { url: server.url, token: 'stw_wrong' }));
    expect(refused.message).toBe('server answered 401: unknown or revoked token');
    expect(refused.status).toBe(401);
    const nobody = `http://127.0.0.1:${await closedPort()}`;
    const unreachable = await failure(sendHttp({ app: 'x', ver: '1' }, { url: nobody }));
    expect(unreachable.message).toMatch(new RegExp(`^cannot reach ${nobody}: connect ECONNREFUSED`));
    expect(unreachable.status).toBeUndefined();
    await expect(sendHttp({ app: 'x', ver: '1' }, { url: 'localhost:8080' })).rejects.toThrow('url: expected the Steward base URL (http:// or https://), e.g. http://127.0.0.1:8080, got "localhost:8080"');
    await expect(sendHttp({ app: 'x', ver: '1' }, { url: 'ftp://127.0.0.1' })).rejects.toThrow('url: expected the Steward base URL');
  });

  it('a reporter sends at once, then every everyMs, calling the update function each time, until stopped', async () => {
    const accepted = async () => ((await (await fetch(`${server.url}/debug/vars`)).json()) as { partisci: { accepted: number } }).partisci.accepted;
    const before = await accepted();
    const errors: Error[] = [];
    let sends = 0;
    const reporter = startReporter({ update: () => ({ app: 'Reporter', ver: `1.${sends++}`, host: 'client-reporter' }), everyMs: 20, transport: 'http', url: server.url, onError: (e) => errors.push(e) });
    await eventually(accepted, (n) => n >= before + 3, 'updates accepted from the reporter');
    reporter.stop();
    const calls = sends;
    const [r] = await recordsOf(server, 'client-reporter');
    expect(Number(r!.ver.slice(2))).toBeGreaterThanOrEqual(2);
    expect(errors).toEqual([]);
    // That nothing more happens can only be seen by waiting: ten periods.
    await delay(200);
    expect(sends).toBe(calls);
  });

  it('a reporter hands every failure to onError, even one whose onError throws, and refuses a bad update at once', async () => {
    const errors: Error[] = [];
    const nobody = `http://127.0.0.1:${await closedPort()}`;
    const reporter = startReporter({
      update: { app: 'Reporter', ver: '1', host: 'client-unreachable' },
      everyMs: 10,
      transport: 'http',
      url: nobody,
      onError: (err) => {
        errors.push(err);
        throw new Error('a careless onError'); // must not become an unhandled rejection, which fails this run
      },
    });
    await eventually(() => errors.length, (n) => n >= 2, 'failures reported');
    reporter.stop();
    expect(errors.every((e) => e.message.startsWith(`cannot reach ${nobody}: connect ECONNREFUSED`))).toBe(true);
    expect(() => startReporter({ update: { app: '', ver: '1' }, everyMs: 10, transport: 'udp' })).toThrow('app: must not be empty');
    expect(() => startReporter({ update: { app: 'x', ver: '1' }, everyMs: 0, transport: 'udp' })).toThrow('everyMs: expected a number of milliseconds ≥ 1, got 0');
  });
});

describe('signed updates, to a server with partisci.auth: required', () => {
  const key = { id: 'k1', secret: '0123456789abcdef0123' };
  let server: TestServer;
  beforeAll(async () => {
    const partisci = { ...loadConfig({ partisciPort: 0 }, {}).partisci, auth: 'required' as const, hmacKeys: new Map([[key.id, key.secret]]) };
    server = await startTestServer('sqlite', { partisci });
  });
  afterAll(async () => server?.cleanup());

  it('takes a signed datagram and drops an unsigned one, though both sends resolve', async () => {
    const rejected = () => server.steward.apps.collector!.metrics.rejectedBy.bad_signature ?? 0;
    await sendUdp({ app: 'Signed', ver: '1', host: 'signed-udp-anonymous' }, { port: server.udpPort });
    await eventually(rejected, (n) => n === 1, 'unsigned datagrams refused');
    await sendUdp({ app: 'Signed', ver: '1', host: 'signed-udp' }, { port: server.udpPort, hmacKey: key });
    expect((await landed(server, 'signed-udp'))[0]).toMatchObject({ appId: 'signed', ver: '1' });
    expect(await recordsOf(server, 'signed-udp-anonymous')).toEqual([]);
  });

  it('takes a signed HTTP update; refuses an unsigned or wrongly signed one with 401 and the reason', async () => {
    await sendHttp({ app: 'Signed', ver: '2', host: 'signed-http' }, { url: server.url, hmacKey: key });
    expect(await recordsOf(server, 'signed-http')).toMatchObject([{ ver: '2' }]);
    const unsigned = await failure(sendHttp({ app: 'Signed', ver: '2', host: 'signed-http' }, { url: server.url }));
    expect(unsigned.status).toBe(401);
    expect(unsigned.message).toMatch(/^server answered 401: ERROR: ApiUpdate: unsigned update/);
    const wrong = await failure(sendHttp({ app: 'Signed', ver: '2', host: 'signed-http' }, { url: server.url, hmacKey: { id: key.id, secret: 'another secret of 20' } }));
    expect(wrong.message).toBe('server answered 401: ERROR: ApiUpdate: signature does not match the update');
  });

  it('takes an update with an agent token instead, unsigned even when a key is given', async () => {
    const admin = await server.steward.auth.findUser('admin');
    const { secret: token } = await server.steward.auth.createToken({ userId: admin.id, role: admin.role }, 'reporters', 'agent');
    await sendHttp({ app: 'Signed', ver: '3', host: 'token-http' }, { url: server.url, token, hmacKey: key });
    expect(await recordsOf(server, 'token-http')).toMatchObject([{ ver: '3' }]);
  });
});
