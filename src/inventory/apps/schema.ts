// App version tables. `app_records` is the live view: one row per (app_id, host, instance), the latest update of
// each; `app_version_history` keeps only changes — a record appearing, changing version, or leaving the live view.
import type { Generated } from 'kysely';
import type { StewardMigration } from '../../core/db/migrate.js';
import { timeColumn, withId } from '../../core/db/columns.js';

export interface AppRecordsTable {
  id: Generated<number>;
  app_id: string;
  /** The name as last sent (app_id is derived from it). */
  app: string;
  /** '' when the update named no host. */
  host: string;
  instance: number;
  ver: string;
  host_ip: string;
  /** `app_data` of the last update, JSON text. */
  app_data: string | null;
  first_seen: string;
  last_seen: string;
  /** Since when the record has had this version. */
  version_since: string;
}

export type AppHistoryKind = 'seen' | 'gone';

export interface AppVersionHistoryTable {
  id: Generated<number>;
  app_id: string;
  host: string;
  instance: number;
  app: string;
  /** `seen`: the version from `at` on; `gone`: the record left the live view (trimmed or cleared) at `at`. */
  kind: AppHistoryKind;
  ver: string;
  /** The version before, for `seen` rows of a record that was already live. */
  previous_ver: string | null;
  at: string;
}

export interface AppTables {
  app_records: AppRecordsTable;
  app_version_history: AppVersionHistoryTable;
}

export const appMigrations: StewardMigration[] = [
  {
    name: '0003_app_versions',
    async up(db, dialect) {
      await withId(db.schema.createTable('app_records'), dialect)
        .addColumn('app_id', 'text', (c) => c.notNull())
        .addColumn('app', 'text', (c) => c.notNull())
        .addColumn('host', 'text', (c) => c.notNull())
        .addColumn('instance', 'integer', (c) => c.notNull())
        .addColumn('ver', 'text', (c) => c.notNull())
        .addColumn('host_ip', 'text', (c) => c.notNull())
        .addColumn('app_data', 'text')
        .addColumn('first_seen', timeColumn, (c) => c.notNull())
        .addColumn('last_seen', timeColumn, (c) => c.notNull())
        .addColumn('version_since', timeColumn, (c) => c.notNull())
        .addUniqueConstraint('app_records_key', ['app_id', 'host', 'instance'])
        .execute();
      await db.schema.createIndex('app_records_host').on('app_records').columns(['host', 'app_id']).execute();
      // No index on last_seen: every update moves it, and an index would double the cost of the most frequent write;
      // the trim that filters on it runs once a minute and scans.
      await withId(db.schema.createTable('app_version_history'), dialect)
        .addColumn('app_id', 'text', (c) => c.notNull())
        .addColumn('host', 'text', (c) => c.notNull())
        .addColumn('instance', 'integer', (c) => c.notNull())
        .addColumn('app', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('ver', 'text', (c) => c.notNull())
        .addColumn('previous_ver', 'text')
        .addColumn('at', timeColumn, (c) => c.notNull())
        .execute();
      // One index: the history of one record is read through its app's, which is small next to the cost of a second
      // index on the busiest insert of all (every new record and every version change).
      await db.schema.createIndex('app_version_history_app').on('app_version_history').columns(['app_id', 'at']).execute();
    },
  },
];
