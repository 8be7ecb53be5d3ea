import { isAccountEventType, type AccountEvent, type AccountEventData } from '@curbe-voice/contracts';
import type { Decider } from '../../platform/event-sourcing/decider';
import { evolveAccount, normaliseEmail, type AccountMember, type AccountState } from './account-state';

/** Who joins: the member as the command names them (a new member is never disabled). */
export type NewMember = Omit<AccountMember, 'disabled'>;

/** Registering an account and adding its members, decided on the `account-{id}` stream. */
export type AccountCommand =
  | { type: 'RegisterAccount'; data: AccountEventData<'AccountRegistered'>; admin?: NewMember }
  | { type: 'AddMember'; member: NewMember }
  | { type: 'AddWebhookPublicKey'; publicKey: string };

export class AccountRejected extends Error {
  override readonly name = 'AccountRejected';
  constructor(
    readonly reason: 'not_found' | 'already_registered' | 'email_taken' | 'invalid',
    message: string,
  ) {
    super(message);
  }
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** Loosely an email address (someone@somewhere.tld); whether it reaches anyone is the holder's business. */
export const isEmailAddress = (email: string): boolean => EMAIL.test(email);

/** An account name is required; surrounding spaces are not part of it. */
export function accountName(name: string): string {
  const trimmed = name.trim();
  if (!trimmed) throw new AccountRejected('invalid', 'An account name is required');
  return trimmed;
}

export function decideAccount(command: AccountCommand, state: AccountState | null): AccountEvent[] {
  switch (command.type) {
    case 'RegisterAccount': {
      // Two registrations of the same id cannot both succeed.
      if (state) throw new AccountRejected('already_registered', `Account ${command.data.accountId} already exists`);
      const registered: AccountEvent = {
        type: 'AccountRegistered',
        data: { ...command.data, name: accountName(command.data.name) },
      };
      // A new agency with its first admin is recorded in one append: never an agency nobody can run.
      if (!command.admin) return [registered];
      return [registered, decideAddMember(evolveAccount(null, registered), command.admin)];
    }
    case 'AddMember':
      return [decideAddMember(state, command.member)];
    case 'AddWebhookPublicKey':
      return decideAddWebhookPublicKey(state, command.publicKey);
  }
}

/** Telnyx webhook keys at most held at once: the current one and the one it replaces. */
export const MAX_WEBHOOK_PUBLIC_KEYS = 2;

/**
 * A key is base64 of 32 bytes (an Ed25519 public key). Adding one already held changes nothing; adding
 * a third retires the oldest, so a rotation is: add the new key, and the one before the old goes.
 */
function decideAddWebhookPublicKey(state: AccountState | null, publicKey: string): AccountEvent[] {
  if (!state) throw new AccountRejected('not_found', 'No such account');
  const key = publicKey.trim();
  const raw = Buffer.from(key, 'base64');
  if (raw.length !== 32 || raw.toString('base64') !== key)
    throw new AccountRejected('invalid', 'A Telnyx public key is 32 bytes of base64 (44 characters ending in "=")');
  if (state.webhookPublicKeys.includes(key)) return [];
  const accountId = state.accountId;
  const overflow = state.webhookPublicKeys.length + 1 - MAX_WEBHOOK_PUBLIC_KEYS;
  const retired = state.webhookPublicKeys.slice(0, Math.max(0, overflow));
  return [
    ...retired.map((old): AccountEvent => ({ type: 'WebhookPublicKeyRetired', data: { accountId, publicKey: old } })),
    { type: 'WebhookPublicKeyAdded', data: { accountId, publicKey: key } },
  ];
}

/** Validates a new member against the account; returns the AgentAdded event. */
function decideAddMember(state: AccountState | null, member: NewMember): Extract<AccountEvent, { type: 'AgentAdded' }> {
  if (!state) throw new AccountRejected('not_found', 'No such account');
  const email = normaliseEmail(member.email);
  if (!isEmailAddress(email)) throw new AccountRejected('invalid', `Not an email address: ${member.email}`);
  if (!member.displayName.trim()) throw new AccountRejected('invalid', 'A display name is required');
  if (state.members.some((m) => m.email === email))
    throw new AccountRejected('email_taken', `${email} is already a member`);
  if (state.members.some((m) => m.userId === member.userId))
    throw new AccountRejected('invalid', `User ${member.userId} is already a member`);
  return {
    type: 'AgentAdded',
    data: {
      accountId: state.accountId,
      userId: member.userId,
      email,
      displayName: member.displayName.trim(),
      role: member.role,
    },
  };
}

export const accountDecider: Decider<AccountCommand, AccountState | null, AccountEvent> = {
  decide: decideAccount,
  evolve: evolveAccount,
  initialState: null,
  knows: isAccountEventType,
};
