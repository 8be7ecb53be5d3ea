import {
  accountStreamName,
  agentStreamName,
  userStreamName,
  type AccountEvent,
  type MemberRole,
} from '@curbe-voice/contracts';
import { comparePositions, type AllPosition, type EventStore } from '@curbe-voice/event-store';
import type { MikroORM } from '@mikro-orm/core';
import {
  AccountRejected,
  type AccountMember,
  type AccountRegistry,
  type AddMemberInput,
  type EmailsInUse,
} from '../accounts';
import type { TelephonySetupService } from '../activation';
import { passwordLinkUrl, type IssuedPasswordLink, type UserPasswords } from '../auth';
import { handleCommand } from '../../platform/event-sourcing/command-handler';
import type { CommandContext } from '../../platform/event-sourcing/event-envelope';
import { heldNumbers } from './held-numbers';
import { memberDecider, type MemberCommand } from './member-decider';
import { memberOf } from './team-rules';

export interface TeamServiceDeps {
  store: EventStore;
  readModels: MikroORM;
  accounts: AccountRegistry;
  passwords: UserPasswords;
  /** One email signs in one user, across every agency and the operators. */
  emails: EmailsInUse;
  activation: Pick<TelephonySetupService, 'provisionNewAgents'>;
  /** The web app's address: set-password links open under it. */
  publicUrl: string;
  logger?: { error(obj: object, msg?: string): void };
}

export type { IssuedPasswordLink };

/** What the admin who asks brings along: who they are, for the rules and the audit trail. */
export type TeamContext = CommandContext & { by: string };

/**
 * The agency's team as its admins run it: adding members (with a set-password link, and a phone line
 * for an agent once the account is activated), fresh links, roles, disabling and enabling. The HTTP
 * routes and the accounts CLI both go through here.
 */
export class TeamService {
  constructor(private readonly deps: TeamServiceDeps) {}

  async addMember(
    accountId: string,
    input: AddMemberInput,
    context: CommandContext,
  ): Promise<{ member: AccountMember; passwordLink: IssuedPasswordLink }> {
    // Sign-in looks users up by email alone: an email another agency (or an operator) holds is taken.
    const email = input.email.trim().toLowerCase();
    const here = (await this.deps.accounts.get(accountId))?.members.some((member) => member.email === email);
    // A member of this agency already: the account's own refusal says so.
    if (!here && (await this.deps.emails.isInUse(email)))
      throw new AccountRejected('email_taken', `${email} already signs in to Curbe Voice`);
    const member = await this.deps.accounts.addMember(accountId, input, context);
    const passwordLink = await this.link(member.userId, context);
    if (member.role === 'agent') await this.providePhoneLine(accountId, context);
    return { member, passwordLink };
  }

  /** A new one-time link for the member (the one before stops working). */
  async issuePasswordLink(accountId: string, userId: string, context: CommandContext): Promise<IssuedPasswordLink> {
    memberOf(await this.deps.accounts.get(accountId), userId);
    return this.link(userId, context);
  }

  async changeRole(accountId: string, userId: string, role: MemberRole, context: TeamContext): Promise<void> {
    const command: MemberCommand = {
      type: 'ChangeMemberRole',
      userId,
      role,
      by: context.by,
      heldNumbers: await heldNumbers(this.deps.readModels, accountId, userId),
      credentialId: await this.credentialIdOf(userId),
    };
    const events = await this.execute(accountId, command, context);
    if (role === 'agent' && events.length > 0) await this.providePhoneLine(accountId, context);
  }

  async disable(accountId: string, userId: string, context: TeamContext): Promise<void> {
    await this.execute(accountId, { type: 'DisableMember', userId, by: context.by }, context);
  }

  async enable(accountId: string, userId: string, context: TeamContext): Promise<void> {
    await this.execute(accountId, { type: 'EnableMember', userId, by: context.by }, context);
  }

  /** Where `$all` stands after everything recorded about the member: what the read models must reach to show it. */
  async positionOf(accountId: string, userId: string): Promise<AllPosition | null> {
    const streams = [accountStreamName(accountId), userStreamName(userId), agentStreamName(userId)];
    const positions: AllPosition[] = [];
    for (const stream of streams) {
      const [last] = await this.deps.store.readStream(stream, { direction: 'backwards', maxCount: 1 });
      if (last) positions.push(last.position);
    }
    return positions.reduce<AllPosition | null>(
      (latest, position) => (latest === null || comparePositions(position, latest) > 0 ? position : latest),
      null,
    );
  }

  private async link(userId: string, context: CommandContext): Promise<IssuedPasswordLink> {
    const link = await this.deps.passwords.issuePasswordLink(userId, context);
    return { url: passwordLinkUrl(this.deps.publicUrl, userId, link), expiresAt: link.expiresAt };
  }

  /**
   * An agent joining an activated account gets their telephony credential now (the activation runs
   * again for what is missing). A failure is the activation's to show and resume; the member stays added.
   */
  private async providePhoneLine(accountId: string, context: CommandContext): Promise<void> {
    try {
      await this.deps.activation.provisionNewAgents(accountId, context);
    } catch (error) {
      this.deps.logger?.error({ err: error, accountId }, "an agent's phone line could not be created yet");
    }
  }

  private async credentialIdOf(userId: string): Promise<string | null> {
    const created = (await this.deps.store.readStream(agentStreamName(userId))).findLast(
      (event) => event.type === 'TelephonyCredentialCreated',
    );
    return created ? (created.data as { credentialId: string }).credentialId : null;
  }

  private async execute(accountId: string, command: MemberCommand, context: CommandContext): Promise<AccountEvent[]> {
    const { events } = await handleCommand(this.deps.store, accountStreamName(accountId), memberDecider, command, {
      metadata: context,
    });
    return events;
  }
}
