import { randomUUID } from 'node:crypto';
import { accountStreamName, type AccountEvent, type MemberRole } from '@curbe-voice/contracts';
import type { EventStore } from '@curbe-voice/event-store';
import type { SecretBox } from '../../platform/crypto/secret-box';
import type { TelnyxGateway } from '../../platform/telnyx/telnyx-gateway';
import { AccountRejected, decideAddMember, evolveAccount, type AccountMember, type AccountState } from './account-state';
import { readAccountStream } from './account-stream';
import { toNewEvent, type CommandContext } from '../../platform/event-sourcing/event-envelope';

export interface AccountRegistryDeps {
  store: EventStore;
  telnyx: TelnyxGateway;
  secretBox: SecretBox;
}

export interface RegisterAccountInput {
  name: string;
  /** Chosen by the caller (e.g. a deterministic id for demo data); random otherwise. */
  accountId?: string;
  /** An existing Telnyx managed account; when absent one is created through the root client. */
  telnyx?: { telnyxAccountId: string; apiKey: string };
}

export interface AddMemberInput {
  userId?: string;
  email: string;
  displayName: string;
  role: MemberRole;
}

/** Accounts and their members, kept on the `account-{id}` stream. */
export class AccountRegistry {
  constructor(private readonly deps: AccountRegistryDeps) {}

  async get(accountId: string): Promise<AccountState | null> {
    const { events } = await readAccountStream(this.deps.store, accountId);
    return events.reduce(evolveAccount, null);
  }

  /** The managed account's API key in plain text, for the Telnyx client only: never log or return it. */
  openApiKey(account: AccountState): string {
    return this.deps.secretBox.open(account.apiKey);
  }

  async register(input: RegisterAccountInput, context: CommandContext): Promise<AccountState> {
    const name = input.name.trim();
    if (!name) throw new AccountRejected('invalid', 'An account name is required');
    const accountId = input.accountId ?? randomUUID();
    if (await this.get(accountId)) throw new AccountRejected('already_registered', `Account ${accountId} already exists`);
    const telnyx = input.telnyx ?? (await this.deps.telnyx.createManagedAccount(name));
    const event: AccountEvent = {
      type: 'AccountRegistered',
      data: { accountId, name, telnyxAccountId: telnyx.telnyxAccountId, apiKey: this.deps.secretBox.seal(telnyx.apiKey) },
    };
    // 'no_stream': two registrations of the same id cannot both succeed.
    await this.deps.store.appendToStream(accountStreamName(accountId), [toNewEvent(event, context)], { expectedRevision: 'no_stream' });
    return evolveAccount(null, event)!;
  }

  async addMember(accountId: string, input: AddMemberInput, context: CommandContext): Promise<AccountMember> {
    const { events, expectedRevision } = await readAccountStream(this.deps.store, accountId);
    const state = events.reduce(evolveAccount, null);
    const event = decideAddMember(state, { ...input, userId: input.userId ?? randomUUID() });
    await this.deps.store.appendToStream(accountStreamName(accountId), [toNewEvent(event, context)], { expectedRevision });
    const { userId, email, displayName, role } = event.data;
    return { userId, email, displayName, role };
  }
}
