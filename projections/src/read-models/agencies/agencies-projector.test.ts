import { describe, expect, it } from 'vitest';
import { projectorTestDatabase } from '../../testing/projector-test-database';
import { readModelBackends } from '../../testing/read-model-backends';
import { recordedEvent } from '../../testing/test-events';
import { AgencyViewEntity } from './agency-view.entity';
import { agenciesProjector } from './agencies-projector';

describe.each(readModelBackends())('agencies read model ($name)', (backend) => {
  const db = projectorTestDatabase(backend, agenciesProjector);

  it('lists each agency with its Telnyx account, when it was registered and how many members it has', async () => {
    const member = (userId: string) => ({ accountId: 'a', userId, email: `${userId}@x.test`, displayName: userId });
    await db.project([
      recordedEvent(
        'account-a',
        'AccountRegistered',
        { accountId: 'a', name: 'Acme', telnyxAccountId: 'tx-a' },
        { occurredAt: '2026-12-01T10:00:00.000Z' },
      ),
      recordedEvent('account-a', 'AgentAdded', { ...member('u1'), role: 'admin' }),
      recordedEvent('account-a', 'AgentAdded', { ...member('u2'), role: 'agent' }),
      recordedEvent('account-a', 'AgentAdded', { ...member('u3'), role: 'auditor' }),
      recordedEvent('account-a', 'AgentRemoved', { accountId: 'a', userId: 'u2', email: 'u2@x.test' }),
      recordedEvent('account-b', 'AccountRegistered', { accountId: 'b', name: 'Bravo', telnyxAccountId: 'tx-b' }),
    ]);
    const rows = await db.em().find(AgencyViewEntity, {}, { orderBy: { name: 'asc' } });
    expect(rows).toMatchObject([
      { accountId: 'a', name: 'Acme', telnyxAccountId: 'tx-a', createdAt: '2026-12-01T10:00:00.000Z', memberCount: 2 },
      { accountId: 'b', name: 'Bravo', telnyxAccountId: 'tx-b', memberCount: 0 },
    ]);
  });
});
