import { randomUUID } from 'node:crypto';
import type { RecordedEvent } from '@curbe-voice/event-store';
import type { MikroORM } from '@mikro-orm/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestReadModelDatabase, readModelBackends, type TestReadModelDatabase } from '../../testing/read-model-backends';
import { activationProgress } from './activation-progress';
import { activationProjector } from './activation-projector';
import { ActivationViewEntity } from './activation-view.entity';

let position = 0n;
function recorded(streamName: string, type: string, data: object): RecordedEvent {
  position += 1n;
  return {
    id: randomUUID(),
    type,
    data,
    streamName,
    revision: 0,
    position: { commit: position, prepare: position },
    recordedAt: new Date(),
    metadata: { correlationId: 'c', causationId: null, actor: 'system', occurredAt: new Date().toISOString(), schemaVersion: 1 },
  };
}

const A = 'acc-1';
const sealed = { keyId: 'k1', iv: 'aXY=', ciphertext: 'Y3Q=', tag: 'dGFn' };

describe.each(readModelBackends())('activation read model ($name)', (backend) => {
  let db: TestReadModelDatabase;
  let orm: MikroORM;
  beforeEach(async () => {
    db = await createTestReadModelDatabase(backend);
    orm = await db.open(activationProjector.entities);
  });
  afterEach(() => db.dispose());

  const apply = (events: RecordedEvent[]) =>
    orm.em.fork().transactional(async (em) => {
      for (const event of events) {
        await activationProjector.apply(event, em);
        await em.flush();
      }
    });
  const view = () => orm.em.fork().findOneOrFail(ActivationViewEntity, { accountId: A });

  it('follows the steps, shows where it failed and with what error, and clears it on retry', async () => {
    await apply([
      recorded(`account-${A}`, 'AccountRegistered', { accountId: A, name: 'Demo', telnyxAccountId: 't', apiKey: sealed }),
      recorded(`account-${A}`, 'AgentAdded', { accountId: A, userId: 'u1', email: 'a@x.test', displayName: 'A', role: 'agent' }),
      recorded(`account-${A}`, 'AgentAdded', { accountId: A, userId: 'u2', email: 'b@x.test', displayName: 'B', role: 'auditor' }),
      recorded(`account-${A}`, 'ActivationRequested', { accountId: A, attempt: 1 }),
      recorded(`account-${A}`, 'OutboundVoiceProfileCreated', { accountId: A, outboundVoiceProfileId: 'ovp' }),
      recorded(`account-${A}`, 'ActivationFailed', {
        accountId: A,
        attempt: 1,
        step: 'texml_application',
        status: 422,
        errors: [{ code: '10015', detail: 'voice_url is invalid' }],
        message: 'Telnyx 422: voice_url is invalid',
        transient: false,
      }),
    ]);
    let row = await view();
    expect(row).toMatchObject({ status: 'failed', failedStep: 'texml_application', failureStatus: 422, agentsTotal: 1 });
    expect(row.failureErrors).toEqual([{ code: '10015', detail: 'voice_url is invalid' }]);
    expect(activationProgress(row).map((s) => s.state)).toEqual(['done', 'failed', 'pending', 'pending', 'pending']);

    await apply([
      recorded(`account-${A}`, 'ActivationRequested', { accountId: A, attempt: 2 }),
      recorded(`account-${A}`, 'TexmlApplicationCreated', { accountId: A, texmlApplicationId: 'app' }),
      recorded(`account-${A}`, 'CredentialConnectionCreated', { accountId: A, credentialConnectionId: 'conn' }),
      recorded('agent-u1', 'TelephonyCredentialCreated', { accountId: A, userId: 'u1', credentialId: 'cr', sipUsername: 's', sipPassword: sealed }),
      recorded(`account-${A}`, 'NumberAttached', { accountId: A, phoneNumberId: 'n1', phoneNumber: '+13125550101', connectionId: 'app' }),
      recorded(`account-${A}`, 'ActivationCompleted', { accountId: A, attempt: 2 }),
    ]);
    row = await view();
    expect(row).toMatchObject({ status: 'completed', attempt: 2, failedStep: null, failureErrors: null, agentsProvisioned: 1, numbersAttached: 1 });
    expect(activationProgress(row)).toEqual([
      { step: 'outbound_voice_profile', state: 'done' },
      { step: 'texml_application', state: 'done' },
      { step: 'credential_connection', state: 'done' },
      { step: 'agent_credentials', state: 'done', detail: '1 of 1 agents' },
      { step: 'number_attachment', state: 'done', detail: '1 attached' },
    ]);
  });
});
