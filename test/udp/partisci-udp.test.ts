// Updates over real UDP to a real server: what lands, what is refused and counted, and that a flood of garbage
// between good datagrams costs no good one.
import dgram from 'node:dgram';
import { lookupService } from 'node:dns/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/core/config.js';
import { unscoped } from '../../src/core/auth/permissions.js';
import { signUpdate } from '../../src/inventory/apps/signature.js';
import { eventually } from '../helpers/eventually.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const partisciDefaults = () => loadConfig({}, {}).partisci;

/** Sends datagrams in order, each after the previous one left the socket. */
async function sendAll(port: number, datagrams: (string | Buffer)[]): Promise<void> {
  const socket = dgram.createSocket('udp4');
  try {
    for (const d of datagrams) await new Promise<void>((done, fail) => socket.send(d, port, '127.0.0.1', (err) => (err ? fail(err) : done())));
  } finally {
    socket.close();
  }
}

const metrics = (s: TestServer) => s.steward.apps.collector!.metrics;
const records = (s: TestServer) => s.steward.apps.records(unscoped, {}, 'host', 'asc', null).then((r) => r.items);

describe('Partisci updates over UDP', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('sqlite');
  });
  afterAll(async () => server?.cleanup());

  it('stores an update with the address it came from', async () => {
    await sendAll(server.udpPort!, [JSON.stringify({ app: 'Billing', ver: '2.0', host: 'udp-1', instance: 1, host_ip: '10.1.1.1' })]);
    const [r] = await eventually(() => records(server).then((rs) => rs.filter((x) => x.host === 'udp-1')), (rs) => rs.length === 1, 'records of udp-1');
    expect(r).toMatchObject({ appId: 'billing', ver: '2.0', instance: 1, hostIp: '127.0.0.1' });
  });

  it('refuses and counts each kind of bad datagram, storing none of them', async () => {
    const before = { ...metrics(server).rejectedBy };
    const received = metrics(server).received;
    const bad = [
      Buffer.alloc(5000, 0x7b), // over the 4 KB limit
      Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x7d]), // not UTF-8
      '["app","ver"]', // JSON, not an object
      '{"app":"a","ver":"1"} trailing', // trailing junk
      '{"app":"a","ver":"1","instance":-1}',
      '{"app":"a","ver":"1","instance":1.5}',
      '{"app":"a","ver":"1","instance":70000}',
      '{"app":"a","ver":"1","instance":"3"}',
      '{"app":"","ver":"1"}',
    ];
    await sendAll(server.udpPort!, bad);
    await eventually(() => metrics(server).received, (n) => n === received + bad.length, 'datagrams received');
    const by = metrics(server).rejectedBy;
    const grew = (reason: keyof typeof by) => (by[reason] ?? 0) - (before[reason] ?? 0);
    expect({ too_large: grew('too_large'), invalid_utf8: grew('invalid_utf8'), not_object: grew('not_object'), invalid_json: grew('invalid_json'), invalid_field: grew('invalid_field') }).toEqual({
      too_large: 1,
      invalid_utf8: 1,
      not_object: 1,
      invalid_json: 1,
      invalid_field: 5,
    });
    expect((await records(server)).filter((r) => r.appId === 'a')).toEqual([]);
  });

  it('counts every good update among 10,000 garbage datagrams, and keeps serving', async () => {
    const start = { ...metrics(server) };
    const garbage = (i: number) => [Buffer.from([i % 256, 0xff, 0x00]), '{"app":', `[${i}]`, `{"app":"g","ver":"1","instance":${-i - 1}}`][i % 4]!;
    const datagrams: (string | Buffer)[] = [];
    let good = 0;
    for (let i = 0; i < 10_000; i++) {
      datagrams.push(garbage(i));
      if (i % 20 === 0) datagrams.push(JSON.stringify({ app: 'Flood', ver: `1.${good}`, host: `flood-${good++}` }));
    }
    // In bursts, each once the server has read the one before: the test is about parsing, not the kernel's buffer.
    for (let i = 0; i < datagrams.length; i += 1000) {
      await sendAll(server.udpPort!, datagrams.slice(i, i + 1000));
      const target = start.received + Math.min(i + 1000, datagrams.length);
      await eventually(() => metrics(server).received, (n) => n === target, 'datagrams received');
    }
    expect(metrics(server).accepted - start.accepted).toBe(good);
    expect(metrics(server).rejected - start.rejected).toBe(10_000);
    const flood = (await records(server)).filter((r) => r.appId === 'flood');
    expect(flood).toHaveLength(good);
    expect(new Set(flood.map((r) => r.ver)).size).toBe(good);
    expect((await fetch(`${server.url}/api/v1/health`)).status).toBe(200);
  });
});

describe('Partisci UDP on a server that requires signatures', () => {
  let server: TestServer;
  const key = { id: 'fleet', secret: 'the fleet signing secret' };
  beforeAll(async () => {
    server = await startTestServer('sqlite', { partisci: { ...partisciDefaults(), port: 0, auth: 'required', hmacKeys: new Map([[key.id, key.secret]]) } });
  });
  afterAll(async () => server?.cleanup());

  it('takes signed datagrams and refuses unsigned or forged ones', async () => {
    await sendAll(server.udpPort!, [
      JSON.stringify({ app: 'plain', ver: '1', host: 'h' }),
      signUpdate({ app: 'forged', ver: '1', host: 'h' }, { id: key.id, secret: 'guessed secret value' }),
      signUpdate({ app: 'signed', ver: '1', host: 'h' }, key),
    ]);
    await eventually(() => metrics(server).received, (n) => n === 3, 'datagrams received');
    expect(metrics(server).rejectedBy.bad_signature).toBe(2);
    expect((await records(server)).map((r) => r.appId)).toEqual(['signed']);
  });
});

describe('Partisci UDP with reverse lookup of unnamed hosts', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('sqlite', { partisci: { ...partisciDefaults(), port: 0, reverseLookup: true } });
  });
  afterAll(async () => server?.cleanup());

  it('names a host that sent no name after its address', async () => {
    const { hostname } = await lookupService('127.0.0.1', 0);
    await sendAll(server.udpPort!, [JSON.stringify({ app: 'nameless', ver: '1' }), JSON.stringify({ app: 'named', ver: '1', host: 'given' })]);
    const rs = await eventually(() => records(server), (r) => r.length === 2, 'records');
    expect(Object.fromEntries(rs.map((r) => [r.appId, r.host]))).toEqual({ nameless: hostname, named: 'given' });
    expect(hostname).not.toBe('');
  });
});
