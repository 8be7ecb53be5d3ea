import type { AccountEventData, AgentEventData } from '@curbe-voice/contracts';
import { ACCOUNT_STREAM_PREFIX, AGENT_STREAM_PREFIX } from '@curbe-voice/contracts';
import type { Projector } from '../../runner/projector';
import { AgentViewEntity } from './agent-view.entity';

/** Builds `agent_view`: members from `AgentAdded`, SIP usernames from `TelephonyCredentialCreated`. */
export const agentsProjector: Projector = {
  name: 'agents',
  version: 1,
  entities: [AgentViewEntity],
  filter: { streamNamePrefixes: [ACCOUNT_STREAM_PREFIX, AGENT_STREAM_PREFIX] },
  async apply(event, em) {
    if (event.type === 'AgentAdded') {
      const d = event.data as AccountEventData<'AgentAdded'>;
      em.create(AgentViewEntity, {
        userId: d.userId,
        accountId: d.accountId,
        email: d.email,
        displayName: d.displayName,
        role: d.role,
        sipUsername: null,
        credentialId: null,
        addedAt: event.metadata.occurredAt,
      });
    } else if (event.type === 'AgentRemoved') {
      await em.nativeDelete(AgentViewEntity, { userId: (event.data as AccountEventData<'AgentRemoved'>).userId });
    } else if (event.type === 'TelephonyCredentialCreated') {
      const d = event.data as AgentEventData<'TelephonyCredentialCreated'>;
      const row = await em.findOne(AgentViewEntity, { userId: d.userId });
      if (!row) return;
      row.sipUsername = d.sipUsername;
      row.credentialId = d.credentialId;
    }
  },
};
