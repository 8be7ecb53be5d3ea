import type { AccountEvent, MemberRole, SealedSecret } from '@curbe-voice/contracts';

/** The account as its registry sees it: identity, Telnyx account, members. Folded from `account-{id}`. */
export interface AccountMember {
  userId: string;
  email: string;
  displayName: string;
  role: MemberRole;
}

export interface AccountState {
  accountId: string;
  name: string;
  telnyxAccountId: string;
  apiKey: SealedSecret;
  members: AccountMember[];
}

export function evolveAccount(state: AccountState | null, event: AccountEvent): AccountState | null {
  if (event.type === 'AccountRegistered') {
    const { accountId, name, telnyxAccountId, apiKey } = event.data;
    return { accountId, name, telnyxAccountId, apiKey, members: [] };
  }
  if (event.type === 'AgentAdded' && state) {
    const { userId, email, displayName, role } = event.data;
    return { ...state, members: [...state.members, { userId, email, displayName, role }] };
  }
  if (event.type === 'AgentRemoved' && state) {
    return { ...state, members: state.members.filter((member) => member.userId !== event.data.userId) };
  }
  return state;
}

export const normaliseEmail = (email: string): string => email.trim().toLowerCase();
