import type { MigrationsOptions } from '@mikro-orm/core';
import type { Migration } from '@mikro-orm/migrations';

/** A migration class as listed in `projections/src/migrations/index.ts`. */
export interface ReadModelMigration {
  name: string;
  class: new (...args: ConstructorParameters<typeof Migration>) => Migration;
}

/** Table that records which migrations a read-model database has applied. */
export const MIGRATIONS_TABLE = 'mikro_orm_migrations';

/**
 * The migrator's settings: migrations come from an explicit list (no file globbing, so they work from
 * sources and from a bundle alike) and every diff is taken against the real database, never a snapshot.
 */
export function migrationsOptions(migrations: readonly ReadModelMigration[], path?: string): MigrationsOptions {
  return {
    tableName: MIGRATIONS_TABLE,
    migrationsList: [...migrations],
    snapshot: false,
    transactional: true,
    allOrNothing: true,
    emit: 'ts',
    silent: true,
    ...(path ? { path, pathTs: path } : {}),
  };
}
