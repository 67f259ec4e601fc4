// Column shapes that differ between the dialects, so migrations read the same for both.
import type { ColumnDefinitionBuilder, CreateTableBuilder } from 'kysely';
import type { Dialect } from './database.js';

/** An auto-incrementing integer primary key named `id`. */
export function withId<T extends string>(
  table: CreateTableBuilder<T, never>,
  dialect: Dialect,
): CreateTableBuilder<T, 'id'> {
  return dialect === 'postgres'
    ? table.addColumn('id', 'serial', (c) => c.primaryKey())
    : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}

/** Times are ISO 8601 UTC strings in both dialects: sortable, readable, and free of driver time-zone surprises. */
export const timeColumn = 'text' as const;
export type ColumnBuilder = (c: ColumnDefinitionBuilder) => ColumnDefinitionBuilder;

export const nowIso = (): string => new Date().toISOString();
