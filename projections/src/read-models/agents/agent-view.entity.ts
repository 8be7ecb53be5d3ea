import { EntitySchema } from '@mikro-orm/core';

/**
 * One row per account member (admins, agents and auditors) with the agent's SIP identity once
 * provisioned. The SIP password is deliberately absent: it stays sealed in the event store.
 */
export interface AgentView {
  userId: string;
  accountId: string;
  email: string;
  displayName: string;
  /** `admin` | `agent` | `auditor`. */
  role: string;
  sipUsername: string | null;
  credentialId: string | null;
  addedAt: string;
  /** `active` | `disabled`. */
  status: string;
  /** Whether the member has chosen a password yet (their set-password link was used). */
  passwordSet: boolean;
}

export const AgentViewEntity = new EntitySchema<AgentView>({
  name: 'AgentView',
  tableName: 'agent_view',
  properties: {
    userId: { type: 'string', length: 64, primary: true },
    accountId: { type: 'string', length: 64, index: true },
    email: { type: 'string', length: 320, unique: true },
    displayName: { type: 'string', length: 200 },
    role: { type: 'string', length: 20 },
    sipUsername: { type: 'string', length: 100, nullable: true },
    credentialId: { type: 'string', length: 100, nullable: true },
    addedAt: { type: 'string', length: 40 },
    status: { type: 'string', length: 20, default: 'active' },
    passwordSet: { type: 'boolean', default: false },
  },
});
