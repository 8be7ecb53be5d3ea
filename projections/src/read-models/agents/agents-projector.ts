import type { AccountEventData, AgentEventData, UserEventData } from '@curbe-voice/contracts';
import { ACCOUNT_STREAM_PREFIX, AGENT_STREAM_PREFIX, USER_STREAM_PREFIX } from '@curbe-voice/contracts';
import type { Projector } from '../../runner/projector';
import { AgentViewEntity, type AgentView } from './agent-view.entity';

/**
 * Builds `agent_view`, the account's members: who they are from `AgentAdded` and the role and status
 * changes, SIP usernames from `TelephonyCredentialCreated`, and whether a password was set from
 * `PasswordSet` (a member is always added before anything else names them).
 */
export const agentsProjector: Projector = {
  name: 'agents',
  // 2: status, passwordSet, role changes.
  version: 2,
  entities: [AgentViewEntity],
  filter: { streamNamePrefixes: [ACCOUNT_STREAM_PREFIX, AGENT_STREAM_PREFIX, USER_STREAM_PREFIX] },
  async apply(event, em) {
    const change = async (userId: string, apply: (row: AgentView) => void) => {
      const row = await em.findOne(AgentViewEntity, { userId });
      if (row) apply(row);
    };
    switch (event.type) {
      case 'AgentAdded': {
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
          status: 'active',
          passwordSet: false,
        });
        return;
      }
      case 'AgentRemoved':
        await em.nativeDelete(AgentViewEntity, { userId: (event.data as AccountEventData<'AgentRemoved'>).userId });
        return;
      case 'MemberRoleChanged': {
        const d = event.data as AccountEventData<'MemberRoleChanged'>;
        return change(d.userId, (row) => (row.role = d.role));
      }
      case 'MemberDisabled':
        return change((event.data as AccountEventData<'MemberDisabled'>).userId, (row) => (row.status = 'disabled'));
      case 'MemberEnabled':
        return change((event.data as AccountEventData<'MemberEnabled'>).userId, (row) => (row.status = 'active'));
      case 'PasswordSet':
        return change((event.data as UserEventData<'PasswordSet'>).userId, (row) => (row.passwordSet = true));
      case 'TelephonyCredentialCreated': {
        const d = event.data as AgentEventData<'TelephonyCredentialCreated'>;
        return change(d.userId, (row) => {
          row.sipUsername = d.sipUsername;
          row.credentialId = d.credentialId;
        });
      }
    }
  },
};
