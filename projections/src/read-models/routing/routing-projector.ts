import type { AccountEventData, AgentEventData, NumberEventData } from '@curbe-voice/contracts';
import { AGENT_STREAM_PREFIX, NUMBER_STREAM_PREFIX } from '@curbe-voice/contracts';
import type { Projector } from '../../runner/projector';
import { RoutingAgentSipEntity, RoutingDisabledMemberEntity, RoutingEntryEntity } from './routing-entry.entity';

/**
 * Builds the routing table the call webhooks read: number → account, agent, SIP username, and whether
 * that agent is disabled. The SIP username and the disabling may arrive before or after the
 * assignment (credentials are made at activation), so both sides of the join are kept here and
 * whichever comes second completes the row.
 */
export const routingProjector: Projector = {
  name: 'routing',
  // 2: disabled members.
  version: 2,
  entities: [RoutingEntryEntity, RoutingAgentSipEntity, RoutingDisabledMemberEntity],
  filter: {
    streamNamePrefixes: [NUMBER_STREAM_PREFIX, AGENT_STREAM_PREFIX],
    eventTypePrefixes: ['MemberDisabled', 'MemberEnabled', 'AgentRemoved'],
  },
  async apply(event, em) {
    switch (event.type) {
      case 'MemberDisabled':
      case 'MemberEnabled':
      case 'AgentRemoved': {
        const { userId } = event.data as AccountEventData<'MemberDisabled'>;
        const disabled = event.type === 'MemberDisabled';
        if (disabled) await em.upsert(RoutingDisabledMemberEntity, { userId });
        else await em.nativeDelete(RoutingDisabledMemberEntity, { userId });
        for (const row of await em.find(RoutingEntryEntity, { agentId: userId })) row.agentDisabled = disabled;
        return;
      }
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
          agentDisabled: false,
        });
        return;
      }
      case 'NumberAssignedToAgent': {
        const d = event.data as NumberEventData<'NumberAssignedToAgent'>;
        const row = await em.findOne(RoutingEntryEntity, { phoneNumber: d.phoneNumber });
        if (!row) return;
        row.agentId = d.agentId;
        row.sipUsername = (await em.findOne(RoutingAgentSipEntity, { userId: d.agentId }))?.sipUsername ?? null;
        row.agentDisabled = (await em.findOne(RoutingDisabledMemberEntity, { userId: d.agentId })) !== null;
        return;
      }
      case 'NumberUnassignedFromAgent': {
        const d = event.data as NumberEventData<'NumberUnassignedFromAgent'>;
        const row = await em.findOne(RoutingEntryEntity, { phoneNumber: d.phoneNumber });
        if (!row) return;
        row.agentId = null;
        row.sipUsername = null;
        row.agentDisabled = false;
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
