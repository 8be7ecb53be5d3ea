import type { AccountEventData } from '@curbe-voice/contracts';
import type { AccountState } from '../accounts';
import type { AgentCredential } from '../activation';

/**
 * Who may remove whom (pure). The policy:
 * - only an agent of the same account removes (the route's access hook enforces it: auditors and
 *   other agencies get 403);
 * - only members with the agent role are removed here; auditors are not agents (404);
 * - nobody removes themselves, so an agency can never lose its last agent by accident (409);
 * - an agent who still holds numbers is not removed: their numbers are reassigned or unassigned
 *   first, so no customer's calls are silently re-routed (409, naming the numbers).
 */
export type RemovalRejection = 'no_account' | 'not_an_agent' | 'self_removal' | 'holds_numbers';

export class AgentRemovalRejected extends Error {
  override readonly name = 'AgentRemovalRejected';
  constructor(
    readonly reason: RemovalRejection,
    message: string,
    readonly numbers: string[] = [],
  ) {
    super(message);
  }
}

export interface RemovalRequest {
  account: AccountState | null;
  agentId: string;
  removedBy: string;
  /** Numbers currently assigned to the agent. */
  heldNumbers: string[];
  /** The agent's SIP identity at Telnyx, when activation gave them one. */
  credential: AgentCredential | null;
}

/** What is to happen: the credential to delete and the event to record once it is gone. */
export interface RemovalPlan {
  credentialId: string | null;
  event: { type: 'AgentRemoved'; data: AccountEventData<'AgentRemoved'> };
}

export function planRemoval(request: RemovalRequest, secretsShredded: boolean): RemovalPlan {
  const { account, agentId } = request;
  if (!account) throw new AgentRemovalRejected('no_account', 'No such account');
  const member = account.members.find((candidate) => candidate.userId === agentId);
  if (!member || member.role !== 'agent')
    throw new AgentRemovalRejected('not_an_agent', `No agent ${agentId} in this account`);
  if (agentId === request.removedBy)
    throw new AgentRemovalRejected('self_removal', 'Admins cannot remove themselves; ask another admin of the agency');
  if (request.heldNumbers.length > 0) {
    throw new AgentRemovalRejected(
      'holds_numbers',
      `${member.displayName} still holds ${request.heldNumbers.join(', ')}: assign these numbers to someone else or unassign them first`,
      request.heldNumbers,
    );
  }
  const credentialId = request.credential?.credentialId ?? null;
  return {
    credentialId,
    event: {
      type: 'AgentRemoved',
      data: { accountId: account.accountId, userId: agentId, email: member.email, credentialId, secretsShredded },
    },
  };
}
