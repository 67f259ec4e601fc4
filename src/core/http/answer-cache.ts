// Answers that are costly to build and read far more often than what they are built from changes: the reports.
// Each answer is kept with the stamp of the data it was built from (read before building: see core/db/generations.ts)
// and the instant its content changes by the clock alone (a window ends, a mark expires); it is served again, as the
// JSON already written, while the stamp is the same and that instant is ahead. Each process keeps its own; the stamp
// lives in the database, so writes on any replica invalidate every replica's answers.

interface Entry {
  stamp: string;
  until: number;
  value: unknown;
  /** The answer as JSON, encoded once: sending it again costs a socket write. */
  json: Buffer;
}

export interface Built<T> {
  value: T;
  /** When the answer would change with no write at all; null: never. */
  until: Date | null;
}

export class AnswerCache {
  private readonly entries = new Map<string, Entry>();
  /** Answers being built, by key and stamp: concurrent askers wait for the one build. */
  private readonly building = new Map<string, Promise<Entry>>();

  private bytes = 0;

  /** `maxBytes`: what the kept answers' JSON may take in all (the oldest go first); 64 MiB by default. */
  constructor(
    private readonly stamp: () => Promise<string>,
    private readonly maxBytes = 64 * 1024 * 1024,
  ) {}

  async get<T>(key: string, build: () => Promise<Built<T>>, now = () => Date.now()): Promise<{ value: T; json: Buffer }> {
    const stamp = await this.stamp();
    const hit = this.entries.get(key);
    if (hit && hit.stamp === stamp && now() < hit.until) return { value: hit.value as T, json: hit.json };
    const pendingKey = `${key}\u0000${stamp}`;
    let pending = this.building.get(pendingKey);
    if (!pending) {
      pending = build().then((built) => ({ stamp, until: built.until?.getTime() ?? Infinity, value: built.value, json: Buffer.from(JSON.stringify(built.value)) }));
      this.building.set(pendingKey, pending);
      pending.then(
        (entry) => this.keep(key, entry),
        () => undefined,
      ).finally(() => this.building.delete(pendingKey));
    }
    const entry = await pending;
    return { value: entry.value as T, json: entry.json };
  }

  private keep(key: string, entry: Entry): void {
    this.drop(key);
    if (entry.json.length > this.maxBytes) return;
    // Oldest first out: a Map keeps insertion order.
    while (this.bytes + entry.json.length > this.maxBytes) this.drop(this.entries.keys().next().value!);
    this.entries.set(key, entry);
    this.bytes += entry.json.length;
  }

  private drop(key: string): void {
    const old = this.entries.get(key);
    if (!old) return;
    this.entries.delete(key);
    this.bytes -= old.json.length;
  }
}

/** The earliest of these ISO instants that is after `now`, as the instant an answer changes by the clock. */
export function firstAfter(now: Date, instants: Iterable<string | null | undefined>): Date | null {
  let first = Infinity;
  for (const at of instants) {
    if (!at) continue;
    const t = Date.parse(at);
    if (t > now.getTime() && t < first) first = t;
  }
  return first === Infinity ? null : new Date(first);
}
