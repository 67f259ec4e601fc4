// Patching policies and where they apply. A policy's windows are stored as the JSON of their rules (windows.ts); an
// assignment names a customer, or a customer and one of its tags (by name: tags are unique per customer and never
// renamed). One policy per customer and one per (customer, tag): the unique constraint covers tagged assignments,
// a partial unique index the customer-wide ones (whose tag is null, and nulls never collide in a unique constraint).
import { type Generated, sql } from 'kysely';
import type { StewardMigration } from '../../core/db/migrate.js';
import { timeColumn, withId } from '../../core/db/columns.js';
import type { Installs, PolicyMode } from './definition.js';

export interface PatchingPoliciesTable {
  id: Generated<number>;
  name: string;
  mode: PolicyMode;
  time_zone: string;
  installs: Installs;
  /** JSON of a WindowRule, or null (manual policies only). */
  patch_window: string | null;
  reboot_window: string | null;
  /** Minutes (milliseconds of 30 days would not fit PostgreSQL's integer). */
  deadline_minutes: number;
  created_at: string;
  updated_at: string;
}

export interface PolicyAssignmentsTable {
  id: Generated<number>;
  policy_id: number;
  customer_id: number;
  /** Null: every host of the customer. */
  tag: string | null;
  created_at: string;
}

export interface PolicyTables {
  patching_policies: PatchingPoliciesTable;
  policy_assignments: PolicyAssignmentsTable;
}

export const policyMigrations: StewardMigration[] = [
  {
    name: '0008_patching_policies',
    async up(db, dialect) {
      await withId(db.schema.createTable('patching_policies'), dialect)
        .addColumn('name', 'text', (c) => c.notNull().unique())
        .addColumn('mode', 'text', (c) => c.notNull())
        .addColumn('time_zone', 'text', (c) => c.notNull())
        .addColumn('installs', 'text', (c) => c.notNull())
        .addColumn('patch_window', 'text')
        .addColumn('reboot_window', 'text')
        .addColumn('deadline_minutes', 'integer', (c) => c.notNull())
        .addColumn('created_at', timeColumn, (c) => c.notNull())
        .addColumn('updated_at', timeColumn, (c) => c.notNull())
        .execute();
      // No cascade from policies: a policy still assigned is not removed (the service says so first).
      await withId(db.schema.createTable('policy_assignments'), dialect)
        .addColumn('policy_id', 'integer', (c) => c.notNull().references('patching_policies.id'))
        .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id').onDelete('cascade'))
        .addColumn('tag', 'text')
        .addColumn('created_at', timeColumn, (c) => c.notNull())
        .addUniqueConstraint('policy_assignments_customer_tag', ['customer_id', 'tag'])
        .execute();
      await db.schema.createIndex('policy_assignments_customer').unique().on('policy_assignments').column('customer_id').where(sql.ref('tag'), 'is', null).execute();
      await db.schema.createIndex('policy_assignments_policy').on('policy_assignments').column('policy_id').execute();
    },
  },
];
