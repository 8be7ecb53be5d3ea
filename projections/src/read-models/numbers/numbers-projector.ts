import type { AccountEventData, NumberEventData } from '@curbe-voice/contracts';
import { ACCOUNT_STREAM_PREFIX, NUMBER_STREAM_PREFIX } from '@curbe-voice/contracts';
import type { Projector } from '../../runner/projector';
import { NumberAgentNameEntity, NumberViewEntity } from './number-view.entity';

/**
 * Builds `number_view`: each account's numbers (pending, active, failed with Telnyx's reason,
 * released, missing at Telnyx) with the agent they ring. Member names come from
 * `AgentAdded`; a number attached by the account's activation (`NumberAttached`) gets its application.
 */
export const numbersProjector: Projector = {
  name: 'numbers',
  version: 2,
  entities: [NumberViewEntity, NumberAgentNameEntity],
  filter: { streamNamePrefixes: [NUMBER_STREAM_PREFIX, ACCOUNT_STREAM_PREFIX] },
  async apply(event, em) {
    const at = event.metadata.occurredAt;
    switch (event.type) {
      case 'AgentAdded': {
        const d = event.data as AccountEventData<'AgentAdded'>;
        await em.upsert(NumberAgentNameEntity, { userId: d.userId, displayName: d.displayName });
        return;
      }
      case 'NumberOrderPlaced': {
        const d = event.data as NumberEventData<'NumberOrderPlaced'>;
        // A released (failed, vanished) number ordered again starts a new row state (same key).
        await em.upsert(NumberViewEntity, {
          ...freshRow(d.accountId, d.phoneNumber, at),
          numberOrderId: d.numberOrderId,
          status: 'pending',
        });
        return;
      }
      case 'NumberOrdered': {
        const d = event.data as NumberEventData<'NumberOrdered'>;
        const row = await em.findOne(NumberViewEntity, { phoneNumber: d.phoneNumber, accountId: d.accountId });
        const pendingHere = row?.status === 'pending';
        await em.upsert(NumberViewEntity, {
          ...freshRow(d.accountId, d.phoneNumber, pendingHere ? row.orderedAt : at),
          phoneNumberId: d.phoneNumberId,
          numberOrderId: d.numberOrderId,
          status: 'active',
        });
        return;
      }
      case 'NumberOrderFailed':
      case 'NumberMissingAtTelnyx': {
        const d = event.data as NumberEventData<'NumberOrderFailed'> | NumberEventData<'NumberMissingAtTelnyx'>;
        const row = await em.findOne(NumberViewEntity, { phoneNumber: d.phoneNumber, accountId: d.accountId });
        if (!row) return;
        row.status = 'reason' in d ? 'failed' : 'missing';
        if ('reason' in d) row.failureReason = d.reason;
        row.agentId = null;
        row.agentName = null;
        row.updatedAt = at;
        return;
      }
      case 'NumberAttachedToApplication':
      case 'NumberAttached': {
        const d = event.data as NumberEventData<'NumberAttachedToApplication'> | AccountEventData<'NumberAttached'>;
        const row = await em.findOne(NumberViewEntity, { phoneNumber: d.phoneNumber, accountId: d.accountId });
        if (!row) return;
        row.texmlApplicationId = 'texmlApplicationId' in d ? d.texmlApplicationId : d.connectionId;
        row.updatedAt = at;
        return;
      }
      case 'NumberAssignedToAgent': {
        const d = event.data as NumberEventData<'NumberAssignedToAgent'>;
        const row = await em.findOne(NumberViewEntity, { phoneNumber: d.phoneNumber });
        if (!row) return;
        row.agentId = d.agentId;
        row.agentName = (await em.findOne(NumberAgentNameEntity, { userId: d.agentId }))?.displayName ?? null;
        row.updatedAt = at;
        return;
      }
      case 'NumberUnassignedFromAgent':
      case 'NumberReleased': {
        const d = event.data as NumberEventData<'NumberReleased'>;
        const row = await em.findOne(NumberViewEntity, { phoneNumber: d.phoneNumber });
        if (!row) return;
        row.agentId = null;
        row.agentName = null;
        if (event.type === 'NumberReleased') row.status = 'released';
        row.updatedAt = at;
        return;
      }
    }
  },
};

function freshRow(accountId: string, phoneNumber: string, at: string) {
  return {
    phoneNumber,
    accountId,
    phoneNumberId: null,
    numberOrderId: null,
    status: 'active',
    failureReason: null,
    texmlApplicationId: null,
    agentId: null,
    agentName: null,
    orderedAt: at,
    updatedAt: at,
  };
}
