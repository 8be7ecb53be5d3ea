import type { AccountEventData } from '@curbe-voice/contracts';
import type { AccountState } from '../accounts';
import type { AgentCredential } from '../activation';
import { memberOf, refuseHeldNumbers, refuseLastAdmin, TeamChangeRejected } from './team-rules';

/**
 * Who may remove whom (pure), on top of the team rules (see team-rules): nobody removes themselves
 * (409), nor the last active admin (409), nor an agent who still holds numbers (409, naming them).
 * `agentsOnly` is the older agents route: there, a member who is not an agent is not found (404).
 */
export interface RemovalRequest {
  account: AccountState | null;
  userId: string;
  removedBy: string;
  agentsOnly: boolean;
  /** Numbers currently assigned to the member. */
  heldNumbers: string[];
  /** The member's SIP identity at Telnyx, when activation gave them one. */
  credential: AgentCredential | null;
}

/** What is to happen: the credential to delete and the event to record once it is gone. */
export interface RemovalPlan {
  credentialId: string | null;
  event: { type: 'AgentRemoved'; data: AccountEventData<'AgentRemoved'> };
}

export function planRemoval(request: RemovalRequest, secretsShredded: boolean): RemovalPlan {
  const { account, member } = memberOf(request.account, request.userId);
  if (request.agentsOnly && member.role !== 'agent')
    throw new TeamChangeRejected('not_an_agent', `No agent ${request.userId} in this account`);
  if (member.userId === request.removedBy)
    throw new TeamChangeRejected('self', 'Admins cannot remove themselves; ask another admin of the agency');
  refuseLastAdmin(account, member);
  refuseHeldNumbers(member, request.heldNumbers);
  const credentialId = request.credential?.credentialId ?? null;
  return {
    credentialId,
    event: {
      type: 'AgentRemoved',
      data: {
        accountId: account.accountId,
        userId: member.userId,
        email: member.email,
        credentialId,
        secretsShredded,
        role: member.role,
      },
    },
  };
}
