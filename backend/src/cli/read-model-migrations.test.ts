import { EntitySchema } from '@mikro-orm/core';
import { describe, expect, it } from 'vitest';
import { readModelMigrations } from '@curbe-voice/projections';
import { readModelSchemaDrift } from '@curbe-voice/projections/orm/migration-tooling';
import { readModelEntities } from './read-model-migrations';

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) console.log('DATABASE_URL is not set: the read-model migration check (PostgreSQL) is skipped');

describe.skipIf(!databaseUrl)('read-model migrations (PostgreSQL)', () => {
  it('create exactly the tables every projector’s entities describe', async () => {
    const drift = await readModelSchemaDrift({
      databaseUrl: databaseUrl!,
      entities: readModelEntities(),
      migrations: readModelMigrations,
    });
    expect(drift).toEqual([]);
  });

  it('report what is missing when an entity changes without a migration', async () => {
    const CallNote = new EntitySchema<{ id: string; text: string }>({
      name: 'CallNote',
      tableName: 'call_note',
      properties: { id: { type: 'string', length: 64, primary: true }, text: { type: 'text' } },
    });
    const drift = await readModelSchemaDrift({
      databaseUrl: databaseUrl!,
      entities: [...readModelEntities(), CallNote],
      migrations: readModelMigrations,
    });
    expect(drift).toContainEqual(expect.stringMatching(/^create table "call_note"/));
  });
});
