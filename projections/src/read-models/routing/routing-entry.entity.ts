import { EntitySchema } from '@mikro-orm/core';

/**
 * Where an inbound call to a number goes: its account and, when assigned, the agent and the SIP
 * username that agent's web phone registers with. Only numbers an account holds now have a row.
 */
export interface RoutingEntry {
  phoneNumber: string;
  accountId: string;
  agentId: string | null;
  sipUsername: string | null;
  /** The number's agent is disabled: nobody is rung. */
  agentDisabled: boolean;
}

export const RoutingEntryEntity = new EntitySchema<RoutingEntry>({
  name: 'RoutingEntry',
  tableName: 'routing_entry',
  properties: {
    phoneNumber: { type: 'string', length: 20, primary: true },
    accountId: { type: 'string', length: 64, index: true },
    agentId: { type: 'string', length: 64, nullable: true, index: true },
    sipUsername: { type: 'string', length: 100, nullable: true },
    agentDisabled: { type: 'boolean', default: false },
  },
});

/** The members an admin disabled (a row while they are), for numbers assigned to them meanwhile. */
export interface RoutingDisabledMember {
  userId: string;
}

export const RoutingDisabledMemberEntity = new EntitySchema<RoutingDisabledMember>({
  name: 'RoutingDisabledMember',
  tableName: 'routing_disabled_member',
  properties: {
    userId: { type: 'string', length: 64, primary: true },
  },
});

/** Each agent's SIP username, from their telephony credential. */
export interface RoutingAgentSip {
  userId: string;
  sipUsername: string;
}

export const RoutingAgentSipEntity = new EntitySchema<RoutingAgentSip>({
  name: 'RoutingAgentSip',
  tableName: 'routing_agent_sip',
  properties: {
    userId: { type: 'string', length: 64, primary: true },
    sipUsername: { type: 'string', length: 100 },
  },
});
