// Logs are JSON lines, and no password, token or session cookie ever appears in them.
import { Writable } from 'node:stream';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { createLogger } from '../../src/core/logger.js';
import { buildApi, openSteward } from '../../src/server.js';
import { createTestDatabase } from '../helpers/databases.js';
import { testConfig } from '../helpers/server.js';

it('keeps passwords, tokens and cookies out of the JSON logs', async () => {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(...chunk.toString().trim().split('\n'));
      done();
    },
  });
  const db = await createTestDatabase('sqlite');
  const dataDir = mkdtempSync(join(tmpdir(), 'steward-log-'));
  const logger = createLogger('trace', sink);
  const steward = await openSteward(testConfig(db, dataDir), logger);
  try {
    await steward.auth.addUser({ username: 'ops', password: 'very secret password', role: 'admin' });
    const { app } = await buildApi(steward);
    const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'ops', password: 'very secret password' } });
    const session = login.cookies.find((c) => c.name === 'steward_session')!.value;
    const created = await app.inject({ method: 'POST', url: '/api/v1/tokens', headers: { cookie: `steward_session=${session}` }, payload: { name: 'n', kind: 'agent' } });
    const secret = created.json().secret as string;
    await app.inject({ method: 'POST', url: '/api/v1/hosts/report', headers: { authorization: `Bearer ${secret}` }, payload: { host: { name: 'h' }, packages: [] } });
    logger.info({ password: 'very secret password', token: secret }, 'a careless log call');
    await app.close();

    expect(lines.length).toBeGreaterThan(5);
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
    const all = lines.join('\n');
    for (const leaked of ['very secret password', secret, session]) expect(all).not.toContain(leaked);
    expect(all).toContain('[redacted]');
  } finally {
    await steward.close();
    await db.cleanup();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
