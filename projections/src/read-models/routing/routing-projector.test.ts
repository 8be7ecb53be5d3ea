import { describe, expect, it } from 'vitest';
import { projectorTestDatabase } from '../../testing/projector-test-database';
import { readModelBackends } from '../../testing/read-model-backends';
import { recordedEvent } from '../../testing/test-events';
import { RoutingEntryEntity } from './routing-entry.entity';
import { routingProjector } from './routing-projector';

const sipPassword = { keyId: 'k1', iv: 'aXY=', ciphertext: 'c2VjcmV0', tag: 'dGFn' };

describe.each(readModelBackends())('routing read model ($name)', (backend) => {
  const db = projectorTestDatabase(backend, routingProjector);
  const entry = (phoneNumber: string) => db.em().findOneOrFail(RoutingEntryEntity, { phoneNumber });
  const ordered = (phoneNumber: string) =>
    recordedEvent(`number-${phoneNumber}`, 'NumberOrdered', { accountId: 'a', phoneNumber, phoneNumberId: 'p' });
  const assigned = (phoneNumber: string, agentId: string) =>
    recordedEvent(`number-${phoneNumber}`, 'NumberAssignedToAgent', { accountId: 'a', phoneNumber, agentId });

  it('marks the numbers of a disabled agent, also those assigned while disabled, until enabled again', async () => {
    await db.project([
      recordedEvent('agent-u1', 'TelephonyCredentialCreated', {
        userId: 'u1',
        accountId: 'a',
        credentialId: 'c1',
        connectionId: 'cc',
        sipUsername: 'gencred1',
        sipPassword,
        adopted: false,
      }),
      ordered('+13125550101'),
      ordered('+13125550102'),
      assigned('+13125550101', 'u1'),
    ]);
    expect(await entry('+13125550101')).toMatchObject({ agentId: 'u1', sipUsername: 'gencred1', agentDisabled: false });

    await db.project([
      recordedEvent('account-a', 'MemberDisabled', { accountId: 'a', userId: 'u1' }),
      assigned('+13125550102', 'u1'),
    ]);
    expect(await entry('+13125550101')).toMatchObject({ agentDisabled: true });
    expect(await entry('+13125550102')).toMatchObject({ agentDisabled: true, sipUsername: 'gencred1' });

    await db.project([recordedEvent('account-a', 'MemberEnabled', { accountId: 'a', userId: 'u1' })]);
    expect(await entry('+13125550101')).toMatchObject({ agentDisabled: false });
    expect(await entry('+13125550102')).toMatchObject({ agentDisabled: false });
  });

  it('forgets the disabling when the number goes to someone else', async () => {
    await db.project([
      ordered('+13125550103'),
      recordedEvent('account-a', 'MemberDisabled', { accountId: 'a', userId: 'u1' }),
      assigned('+13125550103', 'u1'),
      assigned('+13125550103', 'u2'),
    ]);
    expect(await entry('+13125550103')).toMatchObject({ agentId: 'u2', agentDisabled: false });
  });
});
