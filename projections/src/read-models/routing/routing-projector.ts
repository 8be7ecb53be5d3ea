import type { AgentEventData, NumberEventData } from '@curbe-voice/contracts';
import { AGENT_STREAM_PREFIX, NUMBER_STREAM_PREFIX } from '@curbe-voice/contracts';
import type { Projector } from '../../runner/projector';
import { RoutingAgentSipEntity, RoutingEntryEntity } from './routing-entry.entity';

/**
 * Builds the routing table the call webhooks read: number → account, agent, SIP username. The SIP
 * username may arrive before or after the assignment (credentials are made at activation), so both
 * sides of the join are kept here and whichever comes second completes the row.
 */
export const routingProjector: Projector = {
  name: 'routing',
  version: 1,
  entities: [RoutingEntryEntity, RoutingAgentSipEntity],
  filter: { streamNamePrefixes: [NUMBER_STREAM_PREFIX, AGENT_STREAM_PREFIX] },
  async apply(event, em) {
    switch (event.type) {
      case 'TelephonyCredentialCreated': {
        const d = event.data as AgentEventData<'TelephonyCredentialCreated'>;
        await em.upsert(RoutingAgentSipEntity, { userId: d.userId, sipUsername: d.sipUsername });
        for (const row of await em.find(RoutingEntryEntity, { agentId: d.userId })) row.sipUsername = d.sipUsername;
        return;
      }
      case 'NumberOrdered': {
        const d = event.data as NumberEventData<'NumberOrdered'>;
        await em.upsert(RoutingEntryEntity, {
          phoneNumber: d.phoneNumber,
          accountId: d.accountId,
          agentId: null,
          sipUsername: null,
        });
        return;
      }
      case 'NumberAssignedToAgent': {
        const d = event.data as NumberEventData<'NumberAssignedToAgent'>;
        const row = await em.findOne(RoutingEntryEntity, { phoneNumber: d.phoneNumber });
        if (!row) return;
        row.agentId = d.agentId;
        row.sipUsername = (await em.findOne(RoutingAgentSipEntity, { userId: d.agentId }))?.sipUsername ?? null;
        return;
      }
      case 'NumberUnassignedFromAgent': {
        const d = event.data as NumberEventData<'NumberUnassignedFromAgent'>;
        const row = await em.findOne(RoutingEntryEntity, { phoneNumber: d.phoneNumber });
        if (!row) return;
        row.agentId = null;
        row.sipUsername = null;
        return;
      }
      case 'NumberReleased': {
        const d = event.data as NumberEventData<'NumberReleased'>;
        await em.nativeDelete(RoutingEntryEntity, { phoneNumber: d.phoneNumber });
        return;
      }
    }
  },
};
