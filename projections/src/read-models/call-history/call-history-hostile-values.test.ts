import { describe, expect, it } from 'vitest';
import { projectorTestDatabase } from '../../testing/projector-test-database';
import { readModelBackends } from '../../testing/read-model-backends';
import { recordedEvent } from '../../testing/test-events';
import { CallHistoryEntryEntity } from './call-history-entry.entity';
import { callHistoryProjector } from './call-history-projector';

const routed = (callSid: string, otherParty: string) =>
  recordedEvent(
    `call-${callSid}`,
    'CallRouted',
    {
      callSid,
      accountId: 'a1',
      direction: 'inbound',
      agentId: 'u1',
      ourNumber: '+13125550101',
      otherParty,
      route: 'agent',
      dialTarget: 'sip:x@sip.telnyx.com',
      voicemailReason: null,
    },
    { actor: 'telnyx', occurredAt: '2030-01-01T10:00:00.100Z' },
  );

describe.each(readModelBackends())('call history with hostile caller values ($name)', (backend) => {
  const { project, em } = projectorTestDatabase(backend, callHistoryProjector);

  it.each([
    ['quotes', `a'b"c\\\\d; drop table call_history; --`],
    ['a very long value', 'x'.repeat(200)],
  ])('stores a caller with %s and reads it back as stored', async (_what, otherParty) => {
    await project([routed('c1', otherParty)]);
    const row = await em().findOneOrFail(CallHistoryEntryEntity, { callSid: 'c1' });
    expect(row.otherParty).toBe(otherParty);
  });
});
