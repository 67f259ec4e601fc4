// Generation counters: a number per name (advisories, exposures, inventory, marks, policies) that every write of that
// kind bumps, in its own transaction or right after it. A cache in any replica reads them all in one cheap query and
// knows whether what it holds may be out of date. Bump after (or with) the data, never before: a reader that read
// the old numbers and then the new data only caches it under numbers that are already stale.
import { type Kysely, sql } from 'kysely';
import type { StewardMigration } from './migrate.js';

export interface GenerationsTable {
  name: string;
  value: number;
}

interface Tables {
  generations: GenerationsTable;
}

export const generationMigrations: StewardMigration[] = [
  {
    name: '0009_generations',
    async up(db) {
      await db.schema.createTable('generations').addColumn('name', 'text', (c) => c.primaryKey()).addColumn('value', 'integer', (c) => c.notNull()).execute();
    },
  },
];

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any store's executor (a transaction's included)
type Executor = Kysely<any>;

export async function bumpGeneration(k: Executor, name: string): Promise<void> {
  await (k as Kysely<Tables>)
    .insertInto('generations')
    .values({ name, value: 1 })
    .onConflict((oc) => oc.column('name').doUpdateSet({ value: sql<number>`generations.value + 1` }))
    .execute();
}

/** Every counter, as one text: equal texts, nothing counted has changed. */
export async function readGenerations(k: Executor): Promise<string> {
  const rows = await (k as Kysely<Tables>).selectFrom('generations').select(['name', 'value']).orderBy('name').execute();
  return rows.map((r) => `${r.name}=${r.value}`).join(',');
}
