// One migration set for both dialects. Modules contribute their migrations (named so they sort in order:
// `0001_core_auth`, `0002_inventory`…); the composition root hands the whole list to `migrate`.
import { type Migration, Migrator, type MigrationProvider } from 'kysely';
import type { Db, Dialect } from './database.js';

/** A migration receives the dialect so it can pick column types that exist there. */
export interface StewardMigration {
  name: string;
  up(db: Db['kysely'], dialect: Dialect): Promise<void>;
}

export interface MigrationResult {
  applied: string[];
}

export async function migrate(db: Db, migrations: StewardMigration[]): Promise<MigrationResult> {
  const provider: MigrationProvider = {
    getMigrations: async () =>
      Object.fromEntries(
        migrations.map((m): [string, Migration] => [m.name, { up: (k) => m.up(k, db.dialect) }]),
      ),
  };
  const migrator = new Migrator({ db: db.kysely, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`migration ${failed} failed: ${(error as Error).message ?? String(error)}`);
  }
  return { applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName) };
}
