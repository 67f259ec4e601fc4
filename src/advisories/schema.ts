// Advisory tables. `advisories` with their CVEs and, per release and package, the fixed version or the state without
// one (`advisory_packages`); `advisory_feeds` are the configured sources with what their last fetch said; `exposures`
// are the findings: a host's installed package hit by an advisory, open until closed with a reason and evidence.
import type { Generated } from 'kysely';
import type { StewardMigration } from '../core/db/migrate.js';
import { timeColumn, withId } from '../core/db/columns.js';
import type { AdvisorySource, FixState } from './model.js';

export interface AdvisoriesTable {
  id: Generated<number>;
  /** DSA-5380-1, USN-2169-1, CVE-2023-1393… */
  advisory_id: string;
  source: AdvisorySource;
  title: string;
  description: string | null;
  issued: string | null;
  /** The feed's rating, as given. */
  severity: string | null;
  /** A sysadmin's own rating, with who set it and when. */
  local_rating: string | null;
  rated_by: string | null;
  rated_at: string | null;
  first_seen: string;
  updated_at: string;
  /** Set when a feed no longer carries the advisory: its exposures close as `advisory-withdrawn`. */
  withdrawn_at: string | null;
}

export interface AdvisoryCvesTable {
  advisory: number;
  cve: string;
}

export interface AdvisoryPackagesTable {
  advisory: number;
  release: string;
  kind: 'source' | 'binary';
  name: string;
  fixed_version: string | null;
  state: FixState;
  note: string | null;
}

export type ExposureState = 'fixed-available' | 'unfixed';
export type CloseReason = 'upgraded' | 'removed' | 'host-absent' | 'advisory-withdrawn';

export interface ExposuresTable {
  id: Generated<number>;
  host_id: number;
  advisory: number;
  /** The installed binary package and its version. */
  package: string;
  arch: string;
  installed_version: string;
  fixed_version: string | null;
  state: ExposureState;
  /** A kernel package that is installed but not the running kernel: listed apart. */
  not_running: number;
  opened_at: string;
  closed_at: string | null;
  close_reason: CloseReason | null;
  /** For `upgraded`: the version the host reported instead. */
  evidence_version: string | null;
}

export interface AdvisoryFeedsTable {
  id: Generated<number>;
  name: string;
  /** A URL (fetched with ETag/Last-Modified) or a file path. */
  location: string;
  format: string;
  every_ms: number;
  etag: string | null;
  last_modified: string | null;
  last_attempt_at: string | null;
  last_success_at: string | null;
  last_error: string | null;
  advisory_count: number | null;
}

export interface AdvisoryTables {
  advisories: AdvisoriesTable;
  advisory_cves: AdvisoryCvesTable;
  advisory_packages: AdvisoryPackagesTable;
  exposures: ExposuresTable;
  advisory_feeds: AdvisoryFeedsTable;
}

export const advisoryMigrations: StewardMigration[] = [
  {
    name: '0004_advisories',
    async up(db, dialect) {
      await withId(db.schema.createTable('advisories'), dialect)
        .addColumn('advisory_id', 'text', (c) => c.notNull().unique())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('description', 'text')
        .addColumn('issued', timeColumn)
        .addColumn('severity', 'text')
        .addColumn('local_rating', 'text')
        .addColumn('rated_by', 'text')
        .addColumn('rated_at', timeColumn)
        .addColumn('first_seen', timeColumn, (c) => c.notNull())
        .addColumn('updated_at', timeColumn, (c) => c.notNull())
        .addColumn('withdrawn_at', timeColumn)
        .execute();
      await db.schema.createIndex('advisories_updated').on('advisories').column('updated_at').execute();
      await db.schema
        .createTable('advisory_cves')
        .addColumn('advisory', 'integer', (c) => c.notNull().references('advisories.id').onDelete('cascade'))
        .addColumn('cve', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('advisory_cves_pk', ['advisory', 'cve'])
        .execute();
      await db.schema.createIndex('advisory_cves_cve').on('advisory_cves').column('cve').execute();
      await db.schema
        .createTable('advisory_packages')
        .addColumn('advisory', 'integer', (c) => c.notNull().references('advisories.id').onDelete('cascade'))
        .addColumn('release', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('fixed_version', 'text')
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('note', 'text')
        .addPrimaryKeyConstraint('advisory_packages_pk', ['advisory', 'release', 'kind', 'name'])
        .execute();
      await db.schema.createIndex('advisory_packages_lookup').on('advisory_packages').columns(['release', 'kind', 'name']).execute();
      await withId(db.schema.createTable('exposures'), dialect)
        .addColumn('host_id', 'integer', (c) => c.notNull().references('hosts.id').onDelete('cascade'))
        .addColumn('advisory', 'integer', (c) => c.notNull().references('advisories.id').onDelete('cascade'))
        .addColumn('package', 'text', (c) => c.notNull())
        .addColumn('arch', 'text', (c) => c.notNull())
        .addColumn('installed_version', 'text', (c) => c.notNull())
        .addColumn('fixed_version', 'text')
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('not_running', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('opened_at', timeColumn, (c) => c.notNull())
        .addColumn('closed_at', timeColumn)
        .addColumn('close_reason', 'text')
        .addColumn('evidence_version', 'text')
        .execute();
      await db.schema.createIndex('exposures_host').on('exposures').columns(['host_id', 'closed_at']).execute();
      await db.schema.createIndex('exposures_advisory').on('exposures').columns(['advisory', 'closed_at']).execute();
      await withId(db.schema.createTable('advisory_feeds'), dialect)
        .addColumn('name', 'text', (c) => c.notNull().unique())
        .addColumn('location', 'text', (c) => c.notNull())
        .addColumn('format', 'text', (c) => c.notNull())
        .addColumn('every_ms', 'integer', (c) => c.notNull())
        .addColumn('etag', 'text')
        .addColumn('last_modified', 'text')
        .addColumn('last_attempt_at', timeColumn)
        .addColumn('last_success_at', timeColumn)
        .addColumn('last_error', 'text')
        .addColumn('advisory_count', 'integer')
        .execute();
    },
  },
];
