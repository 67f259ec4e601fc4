// Core tables: who may do what (users, sessions, API tokens) and which replica runs a scheduled job.
import type { Generated } from 'kysely';
import type { StewardMigration } from './db/migrate.js';
import { timeColumn, withId } from './db/columns.js';

export type UserRole = 'admin' | 'operator' | 'customer';
export type TokenKind = 'agent' | 'api';

export interface UsersTable {
  id: Generated<number>;
  username: string;
  password_hash: string;
  role: UserRole;
  customer_id: number | null;
  created_at: string;
}

export interface SessionsTable {
  id: Generated<number>;
  token_hash: string;
  user_id: number;
  created_at: string;
  expires_at: string;
}

export interface ApiTokensTable {
  id: Generated<number>;
  name: string;
  kind: TokenKind;
  token_hash: string;
  /** API tokens act as this user; agent tokens may only report hosts. */
  user_id: number;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface JobLeasesTable {
  name: string;
  holder: string;
  expires_at: string;
}

export interface CoreTables {
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  job_leases: JobLeasesTable;
}

export const coreMigrations: StewardMigration[] = [
  {
    name: '0001_core',
    async up(db, dialect) {
      // customers live in the inventory module; users.customer_id is checked there, not by a foreign key,
      // so that core depends on no module.
      await withId(db.schema.createTable('users'), dialect)
        .addColumn('username', 'text', (c) => c.notNull().unique())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('customer_id', 'integer')
        .addColumn('created_at', timeColumn, (c) => c.notNull())
        .execute();
      await withId(db.schema.createTable('sessions'), dialect)
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('created_at', timeColumn, (c) => c.notNull())
        .addColumn('expires_at', timeColumn, (c) => c.notNull())
        .execute();
      await withId(db.schema.createTable('api_tokens'), dialect)
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('created_at', timeColumn, (c) => c.notNull())
        .addColumn('last_used_at', timeColumn)
        .addColumn('revoked_at', timeColumn)
        .execute();
      await db.schema
        .createTable('job_leases')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('holder', 'text', (c) => c.notNull())
        .addColumn('expires_at', timeColumn, (c) => c.notNull())
        .execute();
    },
  },
];
