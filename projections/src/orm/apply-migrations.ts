import type { MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';

/** Any constant both the backend instances and the projections worker agree on. */
const MIGRATION_LOCK_KEY = 0x637572_6265; // "curbe"

/**
 * Applies the pending read-model migrations. Several processes (backend replicas, the projections
 * worker) start at once against one database: a transaction-scoped advisory lock makes them take turns,
 * so the first applies the migrations and the others find nothing left to do. `schema` (already
 * validated) is created first when missing.
 */
export async function applyPendingMigrations(orm: MikroORM, schema?: string): Promise<string[]> {
  const knex = (orm.em.fork() as EntityManager).getKnex();
  if (schema) {
    // Under the lock too (concurrent `create schema if not exists` can collide in PostgreSQL), and
    // committed before migrating: the migrations run on other connections, which must see it.
    // The name was checked to be a plain identifier by createReadModelOrm.
    await knex.transaction(async (lock) => {
      await lock.raw('select pg_advisory_xact_lock(?)', [MIGRATION_LOCK_KEY]);
      await lock.raw(`create schema if not exists "${schema}"`);
    });
  }
  return knex.transaction(async (lock) => {
    await lock.raw('select pg_advisory_xact_lock(?)', [MIGRATION_LOCK_KEY]);
    const applied = await orm.migrator.up();
    return applied.map((migration) => migration.name);
  });
}
