import { afterEach, beforeEach, expect, it } from 'vitest';
import { createTestDatabase, describeEachDialect, type TestDatabase } from '../../test/helpers/databases.js';
import { createLogger } from './logger.js';
import { Scheduler } from './jobs.js';

describeEachDialect('job leases', (dialect) => {
  let t: TestDatabase;
  beforeEach(async () => {
    t = await createTestDatabase(dialect);
  });
  afterEach(async () => t.cleanup());

  it('lets exactly one of several replicas run a tick, and another take over after the lease expires', async () => {
    const log = createLogger('silent');
    const replicas = [new Scheduler(t.db, log), new Scheduler(t.db, log), new Scheduler(t.db, log)];
    let runs = 0;
    const job = { name: 'test.job', everyMs: 60_000, run: async () => void runs++ };
    const now = Date.now();
    const ran = await Promise.all(replicas.map((r) => r.runOnce(job, now)));
    expect(ran.filter(Boolean)).toHaveLength(1);
    expect(runs).toBe(1);
    const winner = ran.indexOf(true);
    const other = replicas[(winner + 1) % 3]!;
    expect(await other.runOnce(job, now + 30_000)).toBe(false);
    expect(await other.runOnce(job, now + 61_000)).toBe(true);
    expect(runs).toBe(2);
  });
});
