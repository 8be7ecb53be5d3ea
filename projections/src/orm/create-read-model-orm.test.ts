import { afterEach, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createReadModelOrm } from './create-read-model-orm';
import { pingReadModels } from './ping-read-models';
import {
  createTestReadModelDatabase,
  readModelBackends,
  type TestReadModelDatabase,
} from '../testing/read-model-backends';
import { StreamActivityEntity, streamActivityEntities } from '../testing/stream-activity-projector';

describe('createReadModelOrm on SQLite', () => {
  let root: string | undefined;
  afterEach(async () => {
    if (root) await rm(root, { recursive: true, force: true });
  });

  it('creates the data directory and the database file inside it', async () => {
    root = await mkdtemp(join(tmpdir(), 'curbe-read-models-'));
    const dataDir = join(root, 'nested', 'data');
    const orm = await createReadModelOrm({ dataDir, entities: streamActivityEntities });
    try {
      expect(existsSync(join(dataDir, 'read-models.sqlite'))).toBe(true);
    } finally {
      await orm.close(true);
    }
  });
});

describe('createReadModelOrm with PostgreSQL', () => {
  it('rejects a schema name that is not a plain identifier', async () => {
    await expect(
      createReadModelOrm({
        databaseUrl: 'postgresql://nobody@127.0.0.1:1/none',
        dataDir: tmpdir(),
        entities: [],
        schema: 'x"; drop table y; --',
      }),
    ).rejects.toThrow(/Invalid read-model schema name/);
  });
});

for (const backend of readModelBackends()) {
  describe(`read-model database (${backend.name})`, () => {
    let database: TestReadModelDatabase;
    afterEach(async () => database.dispose());

    it('creates the tables, keeps rows when reopened, and answers pings until closed', async () => {
      database = await createTestReadModelDatabase(backend);
      const orm = await database.open(streamActivityEntities);
      await pingReadModels(orm);
      const em = orm.em.fork();
      em.create(StreamActivityEntity, { streamName: 'call-1', eventCount: 2, lastRevision: 1, builtBy: 'v1' });
      await em.flush();
      await orm.close(true);

      const reopened = await database.open(streamActivityEntities);
      const rows = await reopened.em.fork().find(StreamActivityEntity, {});
      expect(rows.map((row) => ({ ...row }))).toEqual([
        { streamName: 'call-1', eventCount: 2, lastRevision: 1, builtBy: 'v1' },
      ]);
      await reopened.close(true);
      await expect(pingReadModels(reopened)).rejects.toThrow();
    });
  });
}
