// Remediation marks: a sysadmin's word on an advisory for a host, a customer, or a customer's hosts with a tag —
// patched, compensated, accepted risk, not applicable — with why, who, when and until when. A mark is never erased:
// removing it sets `removed_at`, and every change is in the audit log.
import type { Generated } from 'kysely';
import type { StewardMigration } from '../../core/db/migrate.js';
import { timeColumn, withId } from '../../core/db/columns.js';

export const markStates = ['patched', 'compensated', 'accepted-risk', 'not-applicable'] as const;
export type MarkState = (typeof markStates)[number];
export type MarkScopeKind = 'host' | 'customer' | 'customer-tag';

export interface RemediationMarksTable {
  id: Generated<number>;
  scope: MarkScopeKind;
  host_id: number | null;
  customer_id: number | null;
  tag: string | null;
  /** The advisory's id as feeds name it (DSA-5417-1): marks outlive re-imports. */
  advisory: string;
  state: MarkState;
  justification: string;
  created_by: string;
  created_at: string;
  expires_at: string | null;
  removed_by: string | null;
  removed_at: string | null;
}

export interface RemediationAuditTable {
  id: Generated<number>;
  mark_id: number;
  action: 'created' | 'removed';
  actor: string;
  at: string;
  /** The mark as it was after the change, JSON. */
  mark: string;
}

export interface MarkTables {
  remediation_marks: RemediationMarksTable;
  remediation_audit: RemediationAuditTable;
}

export const markMigrations: StewardMigration[] = [
  {
    name: '0007_remediation_marks',
    async up(db, dialect) {
      await withId(db.schema.createTable('remediation_marks'), dialect)
        .addColumn('scope', 'text', (c) => c.notNull())
        .addColumn('host_id', 'integer', (c) => c.references('hosts.id').onDelete('cascade'))
        .addColumn('customer_id', 'integer', (c) => c.references('customers.id').onDelete('cascade'))
        .addColumn('tag', 'text')
        .addColumn('advisory', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('justification', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', timeColumn, (c) => c.notNull())
        .addColumn('expires_at', timeColumn)
        .addColumn('removed_by', 'text')
        .addColumn('removed_at', timeColumn)
        .execute();
      await db.schema.createIndex('remediation_marks_advisory').on('remediation_marks').columns(['advisory', 'removed_at']).execute();
      await withId(db.schema.createTable('remediation_audit'), dialect)
        .addColumn('mark_id', 'integer', (c) => c.notNull().references('remediation_marks.id').onDelete('cascade'))
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('at', timeColumn, (c) => c.notNull())
        .addColumn('mark', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('remediation_audit_mark').on('remediation_audit').column('mark_id').execute();
    },
  },
];
