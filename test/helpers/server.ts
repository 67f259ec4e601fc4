// A Steward for tests: a fresh database of the given dialect, the HTTP app (for inject) or a listening server
// (for real clients: the CLI, the browser), and helpers to sign in.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Dialect } from '../../src/core/db/database.js';
import { loadConfig, type Config } from '../../src/core/config.js';
import { createLogger } from '../../src/core/logger.js';
import { buildApi, openSteward, startServer, type RunningServer, type Steward } from '../../src/server.js';
import type { App, RouteInfo } from '../../src/core/http/app.js';
import { createTestDatabase, type TestDatabase } from './databases.js';

export const adminPassword = 'test admin password';

export function testConfig(t: TestDatabase, dataDir: string, overrides: Partial<Config> = {}): Config {
  return {
    ...loadConfig({ dataDir, databaseUrl: t.url, port: 0, partisciPort: 0, host: '127.0.0.1', logLevel: 'silent' }, {}),
    adminPassword,
    ...overrides,
  };
}

export interface TestApp {
  app: App;
  routes: RouteInfo[];
  steward: Steward;
  db: TestDatabase;
  /** A cookie header for a freshly signed-in user. */
  login(username: string, password: string): Promise<string>;
  cleanup(): Promise<void>;
}

export async function createTestApp(dialect: Dialect, overrides: Partial<Config> = {}): Promise<TestApp> {
  const db = await createTestDatabase(dialect);
  const dataDir = mkdtempSync(join(tmpdir(), 'steward-data-'));
  const steward = await openSteward(testConfig(db, dataDir, overrides), createLogger('silent'));
  await steward.auth.ensureFirstAdmin(adminPassword);
  const { app, routes } = await buildApi(steward);
  return {
    app,
    routes,
    steward,
    db,
    async login(username, password) {
      const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
      if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
      const cookie = res.cookies.find((c) => c.name === 'steward_session');
      return `steward_session=${cookie!.value}`;
    },
    async cleanup() {
      await app.close();
      await steward.close();
      await db.cleanup();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface TestServer extends RunningServer {
  url: string;
  cleanup(): Promise<void>;
}

export async function startTestServer(dialect: Dialect, overrides: Partial<Config> = {}): Promise<TestServer> {
  const db = await createTestDatabase(dialect);
  const dataDir = mkdtempSync(join(tmpdir(), 'steward-data-'));
  const server = await startServer(testConfig(db, dataDir, overrides), createLogger('silent'));
  return {
    ...server,
    url: server.url!,
    async cleanup() {
      await server.close();
      await db.cleanup();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
