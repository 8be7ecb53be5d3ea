import type { AccountEventData, NumberEventData } from '@curbe-voice/contracts';
import { ACCOUNT_STREAM_PREFIX, NUMBER_STREAM_PREFIX } from '@curbe-voice/contracts';
import type { Projector } from '../../runner/projector';
import { NumberAgentNameEntity, NumberViewEntity } from './number-view.entity';

/**
 * Builds `number_view`: each account's numbers with the agent they ring. Member names come from
 * `AgentAdded`; a number attached by the account's activation (`NumberAttached`) gets its application.
 */
export const numbersProjector: Projector = {
  name: 'numbers',
  version: 1,
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
      case 'NumberOrdered': {
        const d = event.data as NumberEventData<'NumberOrdered'>;
        // A released number ordered again starts a new row state (same key).
        await em.upsert(NumberViewEntity, {
          phoneNumber: d.phoneNumber,
          accountId: d.accountId,
          phoneNumberId: d.phoneNumberId,
          numberOrderId: d.numberOrderId,
          status: 'active',
          texmlApplicationId: null,
          agentId: null,
          agentName: null,
          orderedAt: at,
          updatedAt: at,
        });
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
