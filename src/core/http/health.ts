// Liveness and readiness in one: 200 when the database answers, 503 when it does not. `pid` tells which
// process (of several workers or replicas) answered.
import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import type { App } from './app.js';

export function registerHealthRoute(app: App, db: Db, version: string, roles: string[]): void {
  app.get('/api/v1/health', { config: { permission: 'public' }, schema: { tags: ['core'] } }, async (_request, reply) => {
    try {
      await sql`select 1`.execute(db.kysely);
      return { status: 'ok', version, database: db.dialect, roles, pid: process.pid };
    } catch (err) {
      return reply.status(503).send({ status: 'unavailable', version, database: db.dialect, error: (err as Error).message });
    }
  });
}
