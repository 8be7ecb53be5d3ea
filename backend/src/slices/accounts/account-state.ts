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
  /** Keys Telnyx signs this account's webhooks with, oldest first (two during a rotation). */
  webhookPublicKeys: string[];
}

export function evolveAccount(state: AccountState | null, event: AccountEvent): AccountState | null {
  if (event.type === 'AccountRegistered') {
    const { accountId, name, telnyxAccountId, apiKey } = event.data;
    return { accountId, name, telnyxAccountId, apiKey, members: [], webhookPublicKeys: [] };
  }
  if (event.type === 'WebhookPublicKeyAdded' && state) {
    return { ...state, webhookPublicKeys: [...state.webhookPublicKeys, event.data.publicKey] };
  }
  if (event.type === 'WebhookPublicKeyRetired' && state) {
    return { ...state, webhookPublicKeys: state.webhookPublicKeys.filter((key) => key !== event.data.publicKey) };
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
