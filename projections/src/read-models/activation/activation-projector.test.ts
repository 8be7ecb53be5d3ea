import { describe, expect, it } from 'vitest';
import { projectorTestDatabase } from '../../testing/projector-test-database';
import { readModelBackends } from '../../testing/read-model-backends';
import { recordedEvent } from '../../testing/test-events';
import { activationProgress } from './activation-progress';
import { activationProjector } from './activation-projector';
import { ActivationViewEntity } from './activation-view.entity';

const A = 'acc-1';
const sealed = { keyId: 'k1', iv: 'aXY=', ciphertext: 'Y3Q=', tag: 'dGFn' };

describe.each(readModelBackends())('activation read model ($name)', (backend) => {
  const db = projectorTestDatabase(backend, activationProjector);
  const view = () => db.em().findOneOrFail(ActivationViewEntity, { accountId: A });

  it('follows the steps, shows where it failed and with what error, and clears it on retry', async () => {
    await db.project([
      recordedEvent(`account-${A}`, 'AccountRegistered', {
        accountId: A,
        name: 'Demo',
        telnyxAccountId: 't',
        apiKey: sealed,
      }),
      recordedEvent(`account-${A}`, 'AgentAdded', {
        accountId: A,
        userId: 'u1',
        email: 'a@x.test',
        displayName: 'A',
        role: 'agent',
      }),
      recordedEvent(`account-${A}`, 'AgentAdded', {
        accountId: A,
        userId: 'u2',
        email: 'b@x.test',
        displayName: 'B',
        role: 'auditor',
      }),
      recordedEvent(`account-${A}`, 'ActivationRequested', { accountId: A, attempt: 1 }),
      recordedEvent(`account-${A}`, 'OutboundVoiceProfileCreated', { accountId: A, outboundVoiceProfileId: 'ovp' }),
      recordedEvent(`account-${A}`, 'ActivationFailed', {
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
    expect(row).toMatchObject({
      status: 'failed',
      failedStep: 'texml_application',
      failureStatus: 422,
      agentsTotal: 1,
    });
    expect(row.failureErrors).toEqual([{ code: '10015', detail: 'voice_url is invalid' }]);
    expect(activationProgress(row).map((s) => s.state)).toEqual(['done', 'failed', 'pending', 'pending', 'pending']);

    await db.project([
      recordedEvent(`account-${A}`, 'ActivationRequested', { accountId: A, attempt: 2 }),
      recordedEvent(`account-${A}`, 'TexmlApplicationCreated', { accountId: A, texmlApplicationId: 'app' }),
      recordedEvent(`account-${A}`, 'CredentialConnectionCreated', { accountId: A, credentialConnectionId: 'conn' }),
      recordedEvent('agent-u1', 'TelephonyCredentialCreated', {
        accountId: A,
        userId: 'u1',
        credentialId: 'cr',
        sipUsername: 's',
        sipPassword: sealed,
      }),
      recordedEvent(`account-${A}`, 'NumberAttached', {
        accountId: A,
        phoneNumberId: 'n1',
        phoneNumber: '+13125550101',
        connectionId: 'app',
      }),
      recordedEvent(`account-${A}`, 'ActivationCompleted', { accountId: A, attempt: 2 }),
    ]);
    row = await view();
    expect(row).toMatchObject({
      status: 'completed',
      attempt: 2,
      failedStep: null,
      failureErrors: null,
      agentsProvisioned: 1,
      numbersAttached: 1,
    });
    expect(activationProgress(row)).toEqual([
      { step: 'outbound_voice_profile', state: 'done' },
      { step: 'texml_application', state: 'done' },
      { step: 'credential_connection', state: 'done' },
      { step: 'agent_credentials', state: 'done', detail: '1 of 1 agents' },
      { step: 'number_attachment', state: 'done', detail: '1 attached' },
    ]);
  });

  it('counts the agents as roles change and members leave, an admin or auditor leaving changing nothing', async () => {
    const member = (userId: string, role: string) =>
      recordedEvent(`account-${A}`, 'AgentAdded', {
        accountId: A,
        userId,
        email: `${userId}@x.test`,
        displayName: userId,
        role,
      });
    await db.project([
      recordedEvent(`account-${A}`, 'AccountRegistered', {
        accountId: A,
        name: 'Demo',
        telnyxAccountId: 't',
        apiKey: sealed,
      }),
      member('u1', 'agent'),
      member('u2', 'auditor'),
      member('u3', 'admin'),
      recordedEvent('agent-u1', 'TelephonyCredentialCreated', {
        accountId: A,
        userId: 'u1',
        credentialId: 'cr',
        sipUsername: 's',
        sipPassword: sealed,
      }),
      recordedEvent(`account-${A}`, 'MemberRoleChanged', {
        accountId: A,
        userId: 'u1',
        role: 'auditor',
        previousRole: 'agent',
        credentialId: 'cr',
      }),
      recordedEvent(`account-${A}`, 'MemberRoleChanged', {
        accountId: A,
        userId: 'u2',
        role: 'agent',
        previousRole: 'auditor',
        credentialId: null,
      }),
    ]);
    expect(await view()).toMatchObject({ agentsTotal: 1, agentsProvisioned: 0 });
    await db.project([
      recordedEvent(`account-${A}`, 'AgentRemoved', {
        accountId: A,
        userId: 'u3',
        email: 'u3@x.test',
        credentialId: null,
        secretsShredded: true,
        role: 'admin',
      }),
    ]);
    expect(await view()).toMatchObject({ agentsTotal: 1, agentsProvisioned: 0 });
  });
});
