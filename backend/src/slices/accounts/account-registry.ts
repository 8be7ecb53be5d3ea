import { randomUUID } from 'node:crypto';
import { accountStreamName, type MemberRole, type SealedSecret } from '@curbe-voice/contracts';
import type { AppendResult, EventStore } from '@curbe-voice/event-store';
import type { SecretBox } from '../../platform/crypto/secret-box';
import type { TelnyxGateway } from '../../platform/telnyx/telnyx-gateway';
import { handleCommand, loadStream } from '../../platform/event-sourcing/command-handler';
import type { CommandContext } from '../../platform/event-sourcing/event-envelope';
import { accountDecider, accountName, decideAccount, type AccountCommand } from './account-decider';
import type { AccountMember, AccountState } from './account-state';
import { WebhookKeyDirectory } from './webhook-key-directory';

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
  /** The agency's first admin, recorded in the same append as the registration. */
  admin?: AddMemberInput;
}

export interface RegisterOptions {
  /** Runs once the registration is stored (e.g. waiting for the read models). */
  afterAppend?: (result: AppendResult) => Promise<void>;
}

/** Stands in for the Telnyx account while a registration is checked before Telnyx is asked. */
const NOT_YET_CREATED = {
  telnyxAccountId: 'not-yet-created',
  apiKey: { keyId: '-', iv: '-', ciphertext: '', tag: '-' },
};

export interface AddMemberInput {
  userId?: string;
  email: string;
  displayName: string;
  role: MemberRole;
}

/** Accounts and their members, kept on the `account-{id}` stream. */
export class AccountRegistry {
  /** Telnyx account → our account and its webhook keys, for verifying webhooks; told of changes made here. */
  readonly webhookKeys: WebhookKeyDirectory;

  constructor(private readonly deps: AccountRegistryDeps) {
    this.webhookKeys = new WebhookKeyDirectory(deps.store);
  }

  async get(accountId: string): Promise<AccountState | null> {
    return (await loadStream(this.deps.store, accountStreamName(accountId), accountDecider)).state;
  }

  /** The managed account's API key in plain text, for the Telnyx client only: never log or return it. */
  openApiKey(account: AccountState): string {
    return this.deps.secretBox.open(account.apiKey);
  }

  /**
   * Creates the agency's Telnyx managed account (unless given one), then records the agency and its
   * first admin. A Telnyx failure records nothing.
   */
  async register(
    input: RegisterAccountInput,
    context: CommandContext,
    options: RegisterOptions = {},
  ): Promise<AccountState> {
    const name = accountName(input.name);
    const accountId = input.accountId ?? randomUUID();
    const admin = input.admin && { ...input.admin, userId: input.admin.userId ?? randomUUID() };
    const registration = (telnyxAccountId: string, apiKey: SealedSecret): AccountCommand => ({
      type: 'RegisterAccount',
      data: { accountId, name, telnyxAccountId, apiKey },
      ...(admin ? { admin } : {}),
    });
    // Decided before Telnyx is asked, so a refusal (known id, bad admin) never creates a managed
    // account; decided again when appended.
    decideAccount(registration(NOT_YET_CREATED.telnyxAccountId, NOT_YET_CREATED.apiKey), await this.get(accountId));
    const telnyx = input.telnyx ?? (await this.deps.telnyx.createManagedAccount(name));
    const apiKey = this.deps.secretBox.seal(telnyx.apiKey);
    const { state } = await handleCommand(
      this.deps.store,
      accountStreamName(accountId),
      accountDecider,
      registration(telnyx.telnyxAccountId, apiKey),
      { metadata: context, ...(options.afterAppend ? { afterAppend: options.afterAppend } : {}) },
    );
    return state!;
  }

  async addMember(accountId: string, input: AddMemberInput, context: CommandContext): Promise<AccountMember> {
    const member = { ...input, userId: input.userId ?? randomUUID() };
    const { events } = await this.execute(accountId, { type: 'AddMember', member }, context);
    const added = events.find((event) => event.type === 'AgentAdded');
    if (!added) throw new Error('Adding a member records AgentAdded');
    const { userId, email, displayName, role } = added.data;
    return { userId, email, displayName, role, disabled: false };
  }

  /** Adds a key Telnyx signs this account's webhooks with (the oldest of two goes); returns the account. */
  async addWebhookPublicKey(accountId: string, publicKey: string, context: CommandContext): Promise<AccountState> {
    const { state } = await this.execute(accountId, { type: 'AddWebhookPublicKey', publicKey }, context);
    // A retired key must stop verifying at once here; other instances follow within a second.
    this.webhookKeys.invalidate();
    return state!;
  }

  private execute(accountId: string, command: AccountCommand, context: CommandContext) {
    return handleCommand(this.deps.store, accountStreamName(accountId), accountDecider, command, { metadata: context });
  }
}
