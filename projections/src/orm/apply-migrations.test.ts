import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS_TABLE } from './read-model-migrations-config';
import { readModelMigrations } from '../migrations/index';
import {
  createTestReadModelDatabase,
  readModelBackends,
  type TestReadModelDatabase,
} from '../testing/read-model-backends';
import { createReadModelOrm } from './create-read-model-orm';
import { ProjectionCheckpointEntity } from '../checkpoints/projection-checkpoint.entity';

const postgres = readModelBackends().find((backend) => backend.name === 'postgresql');

describe.skipIf(!postgres)('read-model migrations at start (PostgreSQL)', () => {
  let database: TestReadModelDatabase;
  afterEach(async () => database.dispose());

  it('are applied once, even when several processes start at the same moment', async () => {
    database = await createTestReadModelDatabase(postgres!);
    const open = () =>
      createReadModelOrm({
        databaseUrl: postgres!.databaseUrl!,
        dataDir: database.dataDir,
        schema: database.schema!,
        entities: [],
        migrations: readModelMigrations,
      });
    const orms = await Promise.all([open(), open(), open()]);
    try {
      const connection = orms[0].em.fork().getConnection();
      // The ORM's generic connection types raw query results as `any`: these are the selected columns.
      const migrationsQuery = `select name from "${database.schema}"."${MIGRATIONS_TABLE}" order by id`;
      const applied = (await connection.execute(migrationsQuery)) as { name: string }[];
      expect(applied.map((row) => row.name)).toEqual(readModelMigrations.map((migration) => migration.name));
      const tables = (await connection.execute(
        `select table_name from information_schema.tables where table_schema = ? order by table_name`,
        [database.schema],
      )) as { table_name: string }[];
      expect(tables.map((row) => row.table_name)).toContain('call_history');

      // The ORM reads and writes the migrated tables.
      const em = orms[1].em.fork();
      em.create(ProjectionCheckpointEntity, { projectorName: 'p', version: 1, position: null, updatedAt: new Date() });
      await em.flush();
      expect(await orms[2].em.fork().count(ProjectionCheckpointEntity, {})).toBe(1);
    } finally {
      for (const orm of orms) await orm.close(true);
    }
  });
});
