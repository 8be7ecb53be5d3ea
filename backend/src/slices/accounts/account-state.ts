import type { AccountEvent, MemberRole, SealedSecret } from '@curbe-voice/contracts';

/** The account as its registry sees it: identity, Telnyx account, members. Folded from `account-{id}`. */
export interface AccountMember {
  userId: string;
  email: string;
  displayName: string;
  role: MemberRole;
  /** A disabled member cannot sign in and nothing rings them. */
  disabled: boolean;
}

export interface AccountState {
  accountId: string;
  name: string;
  telnyxAccountId: string;
  apiKey: SealedSecret;
  members: AccountMember[];
  /** Keys Telnyx signs this account's webhooks with, oldest first (two during a rotation). */
  webhookPublicKeys: string[];
}

const withMember = (state: AccountState, userId: string, change: Partial<AccountMember>): AccountState => ({
  ...state,
  members: state.members.map((member) => (member.userId === userId ? { ...member, ...change } : member)),
});

export function evolveAccount(state: AccountState | null, event: AccountEvent): AccountState | null {
  if (event.type === 'AccountRegistered') {
    const { accountId, name, telnyxAccountId, apiKey } = event.data;
    return { accountId, name, telnyxAccountId, apiKey, members: [], webhookPublicKeys: [] };
  }
  if (!state) return state;
  switch (event.type) {
    case 'WebhookPublicKeyAdded':
      return { ...state, webhookPublicKeys: [...state.webhookPublicKeys, event.data.publicKey] };
    case 'WebhookPublicKeyRetired':
      return { ...state, webhookPublicKeys: state.webhookPublicKeys.filter((key) => key !== event.data.publicKey) };
    case 'AgentAdded': {
      const { userId, email, displayName, role } = event.data;
      return { ...state, members: [...state.members, { userId, email, displayName, role, disabled: false }] };
    }
    case 'AgentRemoved':
      return { ...state, members: state.members.filter((member) => member.userId !== event.data.userId) };
    case 'MemberRoleChanged':
      return withMember(state, event.data.userId, { role: event.data.role });
    case 'MemberDisabled':
      return withMember(state, event.data.userId, { disabled: true });
    case 'MemberEnabled':
      return withMember(state, event.data.userId, { disabled: false });
    default:
      return state;
  }
}

/** The members who can still run the agency: admins who are not disabled. */
export const activeAdmins = (state: AccountState): AccountMember[] =>
  state.members.filter((member) => member.role === 'admin' && !member.disabled);

export const normaliseEmail = (email: string): string => email.trim().toLowerCase();
