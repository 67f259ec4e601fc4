// Periodic jobs that must run once across all replicas: each run first takes a lease row in the database;
// the replica holding an unexpired lease runs the job, the others skip that tick.
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { type Db, tables } from './db/database.js';
import type { CoreTables } from './schema.js';
import type { Logger } from './logger.js';

export interface JobDefinition {
  name: string;
  everyMs: number;
  run(): Promise<void>;
}

export class Scheduler {
  readonly holder = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly running = new Set<Promise<void>>();
  private readonly k;

  constructor(
    db: Db,
    private readonly logger: Logger,
  ) {
    this.k = tables<CoreTables>(db);
  }

  /** Runs the job now if this replica wins the lease; returns whether it ran. */
  async runOnce(job: JobDefinition, now = Date.now()): Promise<boolean> {
    if (!(await this.acquire(job.name, now, job.everyMs))) return false;
    await job.run();
    return true;
  }

  /** Tries to hold `name` until now+ttl; succeeds if nobody holds it or its lease has expired. */
  async acquire(name: string, now: number, ttlMs: number): Promise<boolean> {
    const nowIso = new Date(now).toISOString();
    // Slightly shorter than the period, so the next tick of whoever wins can take it again.
    const expires = new Date(now + Math.max(ttlMs - 500, 1)).toISOString();
    await this.k
      .insertInto('job_leases')
      .values({ name, holder: '', expires_at: new Date(0).toISOString() })
      .onConflict((oc) => oc.column('name').doNothing())
      .execute();
    const r = await this.k
      .updateTable('job_leases')
      .set({ holder: this.holder, expires_at: expires })
      .where('name', '=', name)
      .where((e) => e.or([e('expires_at', '<=', nowIso), e('holder', '=', this.holder)]))
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  start(job: JobDefinition): void {
    const tick = () => {
      const p = this.runOnce(job)
        .catch((err: unknown) => this.logger.error({ err, job: job.name }, 'job failed'))
        .then(() => undefined)
        .finally(() => this.running.delete(p));
      this.running.add(p);
    };
    const timer = setInterval(tick, job.everyMs);
    timer.unref();
    this.timers.push(timer);
    tick();
  }

  /** Stops the timers and waits for runs in progress, so the database can close cleanly. */
  async stop(): Promise<void> {
    for (const t of this.timers) clearInterval(t);
    this.timers.length = 0;
    await Promise.all([...this.running]);
  }
}
