// Inventory tables. Package data is split so that a fleet's packages are stored once: `package_versions` holds
// each distinct (name, version, arch, source, source version) tuple, `host_package_sets` holds each host's set of
// them as one value (see package-set.ts), and the history keeps only changes (`discovery_runs` + `package_changes`).
import type { Generated } from 'kysely';
import type { StewardMigration } from '../core/db/migrate.js';
import { timeColumn, withId } from '../core/db/columns.js';

export interface CustomersTable {
  id: Generated<number>;
  name: string;
  contacts: string | null;
  created_at: string;
}

/** Other names under which external sources name a customer (the old system's `hostinfo_name`). */
export interface CustomerAliasesTable {
  /** Lower-cased, so matching ignores case. */
  alias: string;
  customer_id: number;
}

export interface TagsTable {
  id: Generated<number>;
  customer_id: number;
  name: string;
}

export interface HostsTable {
  id: Generated<number>;
  /** `mid:<machine-id>` when known, else `name:<name>`: renames do not create a second host. */
  host_key: string;
  name: string;
  customer_id: number | null;
  architecture: string | null;
  os_id: string | null;
  os_version: string | null;
  os_codename: string | null;
  kernel: string | null;
  machine_id: string | null;
  first_seen: string;
  /** Null for hosts imported from a list that have never reported. */
  last_seen: string | null;
  present: Generated<number>;
  /** JSON object of free key/value attributes. */
  attributes: Generated<string>;
  /** Digest of the last reported package set: an identical report is recognised without reading packages. */
  packages_hash: string | null;
  package_count: Generated<number>;
}

export interface HostTagsTable {
  host_id: number;
  tag_id: number;
}

export interface PackageVersionsTable {
  id: Generated<number>;
  /** name, arch, version, source, source version joined by tabs: one indexed lookup per tuple. */
  key: string;
  name: string;
  version: string;
  source: string;
  source_version: string;
  arch: string;
}

export interface HostPackageSetsTable {
  host_id: number;
  /** Package-version ids, int32 little-endian, ascending. */
  version_ids: Buffer;
  /** Aligned with version_ids: when the host was first seen with that package version (uint32 unix seconds). */
  since: Buffer;
}

export type RunKind = 'initial' | 'change';
export type ChangeKind = 'added' | 'removed' | 'upgraded';

export interface DiscoveryRunsTable {
  id: Generated<number>;
  host_id: number;
  at: string;
  kind: RunKind;
  added: number;
  removed: number;
  upgraded: number;
}

export interface PackageChangesTable {
  run_id: number;
  change: ChangeKind;
  name: string;
  arch: string;
  old_version: string | null;
  new_version: string | null;
}

export interface InventoryTables {
  customers: CustomersTable;
  customer_aliases: CustomerAliasesTable;
  tags: TagsTable;
  hosts: HostsTable;
  host_tags: HostTagsTable;
  package_versions: PackageVersionsTable;
  host_package_sets: HostPackageSetsTable;
  discovery_runs: DiscoveryRunsTable;
  package_changes: PackageChangesTable;
}

export const inventoryMigrations: StewardMigration[] = [
  {
    name: '0002_inventory',
    async up(db, dialect) {
      await withId(db.schema.createTable('customers'), dialect)
        .addColumn('name', 'text', (c) => c.notNull().unique())
        .addColumn('contacts', 'text')
        .addColumn('created_at', timeColumn, (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('customer_aliases')
        .addColumn('alias', 'text', (c) => c.primaryKey())
        .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id').onDelete('cascade'))
        .execute();
      await withId(db.schema.createTable('tags'), dialect)
        .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id').onDelete('cascade'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addUniqueConstraint('tags_customer_name', ['customer_id', 'name'])
        .execute();
      await withId(db.schema.createTable('hosts'), dialect)
        .addColumn('host_key', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('customer_id', 'integer', (c) => c.references('customers.id'))
        .addColumn('architecture', 'text')
        .addColumn('os_id', 'text')
        .addColumn('os_version', 'text')
        .addColumn('os_codename', 'text')
        .addColumn('kernel', 'text')
        .addColumn('machine_id', 'text')
        .addColumn('first_seen', timeColumn, (c) => c.notNull())
        .addColumn('last_seen', timeColumn)
        .addColumn('present', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('attributes', 'text', (c) => c.notNull().defaultTo('{}'))
        .addColumn('packages_hash', 'text')
        .addColumn('package_count', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema.createIndex('hosts_name').on('hosts').column('name').execute();
      await db.schema.createIndex('hosts_customer').on('hosts').column('customer_id').execute();
      await db.schema.createIndex('hosts_machine_id').on('hosts').column('machine_id').execute();
      await db.schema.createIndex('hosts_present_last_seen').on('hosts').columns(['present', 'last_seen']).execute();
      await db.schema
        .createTable('host_tags')
        .addColumn('host_id', 'integer', (c) => c.notNull().references('hosts.id').onDelete('cascade'))
        .addColumn('tag_id', 'integer', (c) => c.notNull().references('tags.id').onDelete('cascade'))
        .addPrimaryKeyConstraint('host_tags_pk', ['host_id', 'tag_id'])
        .execute();
      await db.schema.createIndex('host_tags_tag').on('host_tags').column('tag_id').execute();
      await withId(db.schema.createTable('package_versions'), dialect)
        .addColumn('key', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('version', 'text', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('source_version', 'text', (c) => c.notNull())
        .addColumn('arch', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('package_versions_source').on('package_versions').columns(['source', 'name']).execute();
      const blob = dialect === 'postgres' ? 'bytea' : 'blob';
      await db.schema
        .createTable('host_package_sets')
        .addColumn('host_id', 'integer', (c) => c.primaryKey().references('hosts.id').onDelete('cascade'))
        .addColumn('version_ids', blob, (c) => c.notNull())
        .addColumn('since', blob, (c) => c.notNull())
        .execute();
      await withId(db.schema.createTable('discovery_runs'), dialect)
        .addColumn('host_id', 'integer', (c) => c.notNull().references('hosts.id').onDelete('cascade'))
        .addColumn('at', timeColumn, (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('added', 'integer', (c) => c.notNull())
        .addColumn('removed', 'integer', (c) => c.notNull())
        .addColumn('upgraded', 'integer', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('discovery_runs_host').on('discovery_runs').columns(['host_id', 'id']).execute();
      await db.schema
        .createTable('package_changes')
        .addColumn('run_id', 'integer', (c) => c.notNull().references('discovery_runs.id').onDelete('cascade'))
        .addColumn('change', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('arch', 'text', (c) => c.notNull())
        .addColumn('old_version', 'text')
        .addColumn('new_version', 'text')
        .execute();
      await db.schema.createIndex('package_changes_run').on('package_changes').column('run_id').execute();
    },
  },
  {
    name: '0005_package_versions_by_name',
    async up(db) {
      // Advisories name binaries too (Ubuntu): what an advisory can hit is found by name as well as by source.
      await db.schema.createIndex('package_versions_name').on('package_versions').column('name').execute();
    },
  },
];
