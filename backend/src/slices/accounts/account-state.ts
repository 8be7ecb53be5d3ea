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

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export class AccountRejected extends Error {
  override readonly name = 'AccountRejected';
  constructor(
    readonly reason: 'not_found' | 'already_registered' | 'email_taken' | 'invalid',
    message: string,
  ) {
    super(message);
  }
}

/** Validates a new member against the account; returns the AgentAdded event. */
export function decideAddMember(
  state: AccountState | null,
  member: AccountMember,
): Extract<AccountEvent, { type: 'AgentAdded' }> {
  if (!state) throw new AccountRejected('not_found', 'No such account');
  const email = normaliseEmail(member.email);
  if (!EMAIL.test(email)) throw new AccountRejected('invalid', `Not an email address: ${member.email}`);
  if (!member.displayName.trim()) throw new AccountRejected('invalid', 'A display name is required');
  if (state.members.some((m) => m.email === email)) throw new AccountRejected('email_taken', `${email} is already a member`);
  if (state.members.some((m) => m.userId === member.userId)) throw new AccountRejected('invalid', `User ${member.userId} is already a member`);
  return {
    type: 'AgentAdded',
    data: { accountId: state.accountId, userId: member.userId, email, displayName: member.displayName.trim(), role: member.role },
  };
}
