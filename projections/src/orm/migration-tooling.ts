import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { MikroORM, type EntitySchema } from '@mikro-orm/core';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { createReadModelOrm } from './create-read-model-orm';
import type { ReadModelMigration } from './read-model-migrations-config';

/**
 * Development tools around the read-model migrations, run against a PostgreSQL server: each works in a
 * scratch database of its own (created and dropped again), so the server's real data is never touched.
 */

export interface MigrationToolingOptions {
  /** Any database on the server; the scratch database is created beside it (needs CREATEDB). */
  databaseUrl: string;
  /** Every projector's entities: what the read models should look like. */
  entities: EntitySchema[];
  /** The committed migrations. */
  migrations: readonly ReadModelMigration[];
}

/**
 * The SQL that would still be needed after applying every migration to an empty database: empty when
 * the migrations and the entities agree, one statement per difference otherwise.
 */
export async function readModelSchemaDrift(options: MigrationToolingOptions): Promise<string[]> {
  return withScratchDatabase(options.databaseUrl, async (scratchUrl) => {
    const orm = await createReadModelOrm({ ...options, databaseUrl: scratchUrl, dataDir: tmpdir() });
    try {
      const sql = await orm.schema.getUpdateSchemaSQL({ wrap: false, dropTables: true });
      return statements(sql);
    } finally {
      await orm.close(true);
    }
  });
}

/**
 * Writes a new migration file into `directory` covering whatever the entities have that the existing
 * migrations do not (the initial migration when there are none). Resolves with its class name, or null
 * when nothing changed.
 */
export async function createReadModelMigration(
  options: MigrationToolingOptions & { directory: string },
): Promise<string | null> {
  return withScratchDatabase(options.databaseUrl, async (scratchUrl) => {
    const orm = await createReadModelOrm({ ...options, databaseUrl: scratchUrl, dataDir: tmpdir() });
    try {
      const initial = options.migrations.length === 0;
      const result = await orm.migrator.createMigration(
        options.directory,
        false,
        initial,
        initial ? 'initial' : undefined,
      );
      return result.fileName ? result.fileName.replace(/\.ts$/, '') : null;
    } finally {
      await orm.close(true);
    }
  });
}

function statements(sql: string): string[] {
  return sql
    .split(/;\s*\n/)
    .map((statement) => statement.trim())
    .filter((statement) => statement.length > 0 && !/^set /i.test(statement))
    .map((statement) => (statement.endsWith(';') ? statement : `${statement};`));
}

/** Runs `work` against a fresh database on the same server, dropped again afterwards. */
export async function withScratchDatabase<T>(
  databaseUrl: string,
  work: (scratchUrl: string) => Promise<T>,
): Promise<T> {
  const name = `read_model_scratch_${randomBytes(6).toString('hex')}`;
  const admin = await MikroORM.init({
    driver: PostgreSqlDriver,
    clientUrl: databaseUrl,
    entities: [],
    discovery: { warnWhenNoEntities: false },
    allowGlobalContext: false,
  });
  const connection = admin.em.fork().getConnection();
  try {
    await connection.execute(`create database "${name}"`);
    try {
      const scratchUrl = new URL(databaseUrl);
      scratchUrl.pathname = `/${name}`;
      return await work(scratchUrl.toString());
    } finally {
      await connection.execute(`drop database if exists "${name}" with (force)`);
    }
  } finally {
    await admin.close(true);
  }
}
