import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { MikroORM } from '@mikro-orm/core';
import type { EntitySchema, Options } from '@mikro-orm/core';
import { BetterSqliteDriver } from '@mikro-orm/better-sqlite';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { ProjectionCheckpointEntity } from '../checkpoints/projection-checkpoint.entity';
import { ParkedEventEntity } from '../parking/parked-event.entity';
import { applyPendingMigrations } from './apply-migrations';
import { migrationsOptions, type ReadModelMigration } from './read-model-migrations-config';
import { consoleLogger, type ProjectionLogger } from '../runner/logger';
import { isUnreadableSqlite, moveCorruptSqliteAside } from './corrupt-sqlite';

export interface ReadModelOrmOptions {
  /** PostgreSQL connection URL; without it the read models live in SQLite under `dataDir`. */
  databaseUrl?: string;
  dataDir: string;
  /** Every projector's entities (the checkpoint entity is added automatically). */
  entities: EntitySchema[];
  /** PostgreSQL schema holding the tables; created when missing. */
  schema?: string;
  /**
   * PostgreSQL only: bring the tables up to date by applying these migrations (pending ones, at start)
   * instead of generating the schema from the entities. SQLite always uses the schema generator.
   */
  migrations?: readonly ReadModelMigration[];
  /** SQLite: where an unreadable database file that was moved aside is reported. */
  logger?: ProjectionLogger;
}

const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/**
 * Opens the read-model database and brings its tables in line with the entities. An embedded SQLite
 * file that is not a readable database is moved aside and made anew: the read models (checkpoints
 * included) are rebuilt from the event store. PostgreSQL failures are passed on as they are.
 */
export async function createReadModelOrm(options: ReadModelOrmOptions): Promise<MikroORM> {
  try {
    return await openReadModelOrm(options);
  } catch (error) {
    if (options.databaseUrl || !isUnreadableSqlite(error)) throw error;
    moveCorruptSqliteAside(join(options.dataDir, SQLITE_FILE), error, options.logger ?? consoleLogger);
    return openReadModelOrm(options);
  }
}

const SQLITE_FILE = 'read-models.sqlite';

async function openReadModelOrm(options: ReadModelOrmOptions): Promise<MikroORM> {
  const common: Options = {
    entities: [ProjectionCheckpointEntity, ParkedEventEntity, ...options.entities],
    // Every unit of work runs on a forked EntityManager; the global one must never accumulate state.
    allowGlobalContext: false,
    discovery: { warnWhenNoEntities: false },
    debug: false,
  };

  let orm: MikroORM;
  if (options.databaseUrl) {
    if (options.schema !== undefined && !SCHEMA_NAME.test(options.schema)) {
      throw new Error(`Invalid read-model schema name "${options.schema}": use letters, digits and underscores`);
    }
    const { schema, migrations } = options;
    orm = await MikroORM.init({
      ...common,
      driver: PostgreSqlDriver,
      clientUrl: options.databaseUrl,
      ...(schema ? { schema } : {}),
      ...(migrations ? { extensions: [Migrator], migrations: migrationsOptions(migrations) } : {}),
      // Migrations name their tables without a schema: they land in the configured one.
      ...(schema && migrations ? { pool: { afterCreate: searchPathSetter(schema) } } : {}),
    });
    if (migrations) {
      try {
        await applyPendingMigrations(orm, schema);
      } catch (error) {
        await orm.close(true);
        throw error;
      }
      return orm;
    }
    if (schema) await orm.em.fork().getConnection().execute(`create schema if not exists "${schema}"`);
  } else {
    mkdirSync(options.dataDir, { recursive: true });
    orm = await MikroORM.init({
      ...common,
      driver: BetterSqliteDriver,
      dbName: join(options.dataDir, SQLITE_FILE),
    });
    // WAL: readers never block the projection writer, and separate processes can share the file.
    try {
      await orm.em.fork().getConnection().execute('pragma journal_mode = wal');
    } catch (error) {
      await orm.close(true);
      throw error;
    }
  }

  try {
    // Never drop tables the entities do not know: the database may be shared with other schemas or tools.
    await orm.schema.updateSchema({ dropTables: false, ...(options.schema ? { schema: options.schema } : {}) });
  } catch (error) {
    await orm.close(true);
    throw error;
  }
  return orm;
}

type PooledConnection = { query(sql: string, callback: (error: Error | null) => void): void };

function searchPathSetter(schema: string) {
  return (connection: PooledConnection, done: (error: Error | null, connection: PooledConnection) => void) =>
    connection.query(`set search_path to "${schema}"`, (error) => done(error, connection));
}
