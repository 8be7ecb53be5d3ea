import { isAccountEventType, type AccountEvent } from '@curbe-voice/contracts';
import type { Decider } from '../../platform/event-sourcing/decider';
import { evolveAccount, type AccountState } from '../accounts';
import type { AgentCredential } from '../activation';
import { planRemoval, type RemovalPlan } from './removal-policy';

/**
 * Removing a member, decided on the `account-{id}` stream. What lives elsewhere (the numbers the
 * member holds, their SIP identity, whether their secrets can be shredded) comes with the command.
 */
export interface RemoveMember {
  type: 'RemoveMember';
  userId: string;
  removedBy: string;
  /** The agents route: members who are not agents are not found there. */
  agentsOnly: boolean;
  heldNumbers: string[];
  credential: AgentCredential | null;
  /** False for secrets sealed under the master key before agent keys existed. */
  secretsShredded: boolean;
}

export type MemberRemoved = RemovalPlan['event'];

export const memberRemovalDecider: Decider<RemoveMember, AccountState | null, AccountEvent> = {
  decide: (command, account): MemberRemoved[] => [planRemoval({ ...command, account }, command.secretsShredded).event],
  evolve: evolveAccount,
  initialState: null,
  knows: isAccountEventType,
};
