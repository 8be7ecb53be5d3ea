import { isAccountEventType, type AccountEvent } from '@curbe-voice/contracts';
import type { Decider } from '../../platform/event-sourcing/decider';
import { evolveAccount, type AccountState } from '../accounts';
import type { AgentCredential } from '../activation';
import { planRemoval, type RemovalPlan } from './removal-policy';

/**
 * Removing an agent, decided on the `account-{id}` stream. What lives elsewhere (the numbers the
 * agent holds, their SIP identity, whether their secrets can be shredded) comes with the command.
 */
export interface RemoveAgent {
  type: 'RemoveAgent';
  agentId: string;
  removedBy: string;
  heldNumbers: string[];
  credential: AgentCredential | null;
  /** False for secrets sealed under the master key before agent keys existed. */
  secretsShredded: boolean;
}

export type AgentRemoved = RemovalPlan['event'];

export const agentRemovalDecider: Decider<RemoveAgent, AccountState | null, AccountEvent> = {
  decide: (command, account): AgentRemoved[] => [planRemoval({ ...command, account }, command.secretsShredded).event],
  evolve: evolveAccount,
  initialState: null,
  knows: isAccountEventType,
};
