import { randomUUID } from 'node:crypto';
import type { RecordedEvent } from '@curbe-voice/event-store';
import type { MikroORM } from '@mikro-orm/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestReadModelDatabase, readModelBackends, type TestReadModelDatabase } from '../../testing/read-model-backends';
import { agentsProjector } from './agents-projector';
import { AgentViewEntity } from './agent-view.entity';

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

describe.each(readModelBackends())('agents read model ($name)', (backend) => {
  let db: TestReadModelDatabase;
  let orm: MikroORM;
  beforeEach(async () => {
    db = await createTestReadModelDatabase(backend);
    orm = await db.open(agentsProjector.entities);
  });
  afterEach(() => db.dispose());

  it('lists members and gives agents their SIP username once provisioned, never the password', async () => {
    const sipPassword = { keyId: 'k1', iv: 'aXY=', ciphertext: 'c2VjcmV0', tag: 'dGFn' };
    await orm.em.fork().transactional(async (em) => {
      for (const event of [
        recorded('account-a', 'AgentAdded', { accountId: 'a', userId: 'u1', email: 'ana@x.test', displayName: 'Ana', role: 'agent' }),
        recorded('account-a', 'AgentAdded', { accountId: 'a', userId: 'u2', email: 'aud@x.test', displayName: 'Aud', role: 'auditor' }),
        recorded('agent-u1', 'TelephonyCredentialCreated', { accountId: 'a', userId: 'u1', credentialId: 'cr1', sipUsername: 'gencred1', sipPassword }),
      ]) {
        await agentsProjector.apply(event, em);
        await em.flush();
      }
    });
    const rows = await orm.em.fork().find(AgentViewEntity, { accountId: 'a' }, { orderBy: { email: 'asc' } });
    expect(rows.map((r) => [r.email, r.role, r.sipUsername, r.credentialId])).toEqual([
      ['ana@x.test', 'agent', 'gencred1', 'cr1'],
      ['aud@x.test', 'auditor', null, null],
    ]);
    expect(JSON.stringify(rows)).not.toContain(sipPassword.ciphertext);
    expect(Object.keys(rows[0]!)).not.toContain('sipPassword');
  });
});
