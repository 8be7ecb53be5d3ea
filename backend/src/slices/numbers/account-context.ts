import type { EventStore } from '@curbe-voice/event-store';
import { readAccountStream } from '../accounts';
import { evolveAccount, type AccountMember, type AccountState } from '../accounts';
import { evolveActivation, initialActivationState } from '../activation';
import { NumberRejected } from './number-rejected';

/** What the numbers slice needs to know about an account, folded from its `account-{id}` stream. */
export interface AccountContext {
  account: AccountState;
  /** Set once activation created the TeXML application; new numbers are ordered onto it. */
  texmlApplicationId: string | null;
}

export async function loadAccountContext(store: EventStore, accountId: string): Promise<AccountContext> {
  const { events } = await readAccountStream(store, accountId);
  const account = events.reduce(evolveAccount, null);
  if (!account) throw new NumberRejected('account_not_found', `No account ${accountId}`);
  const activation = events.reduce(evolveActivation, initialActivationState());
  return { account, texmlApplicationId: activation.texmlApplicationId };
}

/** A member of this account who takes calls. Members of other accounts read as unknown. */
export function assignableAgent(account: AccountState, agentId: string): AccountMember {
  const member = account.members.find((m) => m.userId === agentId);
  if (!member) throw new NumberRejected('agent_not_found', `This account has no agent ${agentId}`);
  if (member.role !== 'agent') {
    throw new NumberRejected(
      'not_an_agent',
      `${member.displayName} is an ${member.role}, not an agent, and cannot take calls`,
    );
  }
  return member;
}
