import { randomUUID } from 'node:crypto';
import type { RecordedEvent } from '@curbe-voice/event-store';
import type { MikroORM } from '@mikro-orm/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestReadModelDatabase, readModelBackends, type TestReadModelDatabase } from '../../testing/read-model-backends';
import { UserLoginViewEntity } from './user-login-view.entity';
import { usersProjector } from './users-projector';

const recorded = (streamName: string, type: string, data: object): RecordedEvent => ({
  id: randomUUID(),
  type,
  data,
  streamName,
  revision: 0,
  position: { commit: 1n, prepare: 1n },
  recordedAt: new Date(),
  metadata: { correlationId: 'c', causationId: null, actor: 'system', occurredAt: new Date().toISOString(), schemaVersion: 1 },
});

describe.each(readModelBackends())('users read model ($name)', (backend) => {
  let db: TestReadModelDatabase;
  let orm: MikroORM;
  beforeEach(async () => {
    db = await createTestReadModelDatabase(backend);
    orm = await db.open(usersProjector.entities);
  });
  afterEach(() => db.dispose());

  async function project(events: RecordedEvent[]) {
    await orm.em.fork().transactional(async (em) => {
      for (const event of events) {
        await usersProjector.apply(event, em);
        await em.flush();
      }
    });
  }

  it('finds a member by email with their account, role and latest password hash', async () => {
    await project([
      recorded('account-a', 'AccountRegistered', { accountId: 'a', name: 'Acme' }),
      recorded('account-a', 'AgentAdded', { accountId: 'a', userId: 'u1', email: 'ana@x.test', displayName: 'Ana', role: 'agent' }),
      recorded('account-a', 'AgentAdded', { accountId: 'a', userId: 'u2', email: 'aud@x.test', displayName: 'Aud', role: 'auditor' }),
      recorded('user-u1', 'PasswordSet', { userId: 'u1', passwordHash: '$scrypt$first' }),
      recorded('user-u1', 'PasswordSet', { userId: 'u1', passwordHash: '$scrypt$second' }),
      recorded('user-nobody', 'PasswordSet', { userId: 'nobody', passwordHash: '$scrypt$orphan' }),
    ]);
    const em = orm.em.fork();
    expect(await em.findOne(UserLoginViewEntity, { email: 'ana@x.test' })).toMatchObject({
      userId: 'u1',
      accountId: 'a',
      role: 'agent',
      displayName: 'Ana',
      passwordHash: '$scrypt$second',
    });
    expect(await em.findOne(UserLoginViewEntity, { email: 'aud@x.test' })).toMatchObject({ role: 'auditor', passwordHash: null });
    expect(await em.count(UserLoginViewEntity, {})).toBe(2);
  });
});
