import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MikroORM } from '@mikro-orm/core';
import type { EntitySchema } from '@mikro-orm/core';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { createReadModelOrm } from '../orm/create-read-model-orm';

export interface ReadModelBackend {
  name: 'sqlite' | 'postgresql';
  databaseUrl?: string;
}

/** SQLite always; PostgreSQL too when `DATABASE_URL` is set. */
export function readModelBackends(): ReadModelBackend[] {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    console.log('DATABASE_URL is not set: read-model tests run on SQLite only (PostgreSQL run skipped)');
    return [{ name: 'sqlite' }];
  }
  return [{ name: 'sqlite' }, { name: 'postgresql', databaseUrl }];
}

/**
 * One isolated read-model database: a temp dir for SQLite, a fresh random schema for PostgreSQL.
 * `open` can be called again to simulate a process restart against the same database.
 */
export interface TestReadModelDatabase {
  dataDir: string;
  schema?: string;
  open(entities: EntitySchema[]): Promise<MikroORM>;
  dispose(): Promise<void>;
}

export async function createTestReadModelDatabase(backend: ReadModelBackend): Promise<TestReadModelDatabase> {
  const dataDir = await mkdtemp(join(tmpdir(), 'curbe-read-models-'));
  const schema = backend.databaseUrl ? `read_model_test_${randomBytes(6).toString('hex')}` : undefined;
  const opened: MikroORM[] = [];
  return {
    dataDir,
    ...(schema ? { schema } : {}),
    async open(entities) {
      const orm = await createReadModelOrm({
        dataDir,
        entities,
        ...(backend.databaseUrl ? { databaseUrl: backend.databaseUrl } : {}),
        ...(schema ? { schema } : {}),
      });
      opened.push(orm);
      return orm;
    },
    async dispose() {
      for (const orm of opened) await orm.close(true);
      if (backend.databaseUrl && schema) await dropSchema(backend.databaseUrl, schema);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

async function dropSchema(databaseUrl: string, schema: string): Promise<void> {
  const orm = await MikroORM.init({
    driver: PostgreSqlDriver,
    clientUrl: databaseUrl,
    entities: [],
    discovery: { warnWhenNoEntities: false },
    allowGlobalContext: false,
  });
  try {
    await orm.em.fork().getConnection().execute(`drop schema if exists "${schema}" cascade`);
  } finally {
    await orm.close(true);
  }
}
