import { createHash, randomBytes } from 'node:crypto';
import { userStreamName } from '@curbe-voice/contracts';
import type { AllPosition, EventStore } from '@curbe-voice/event-store';
import { handleCommand, loadStream } from '../../platform/event-sourcing/command-handler';
import type { CommandContext } from '../../platform/event-sourcing/event-envelope';
import { hashPassword, verifyPassword } from './password-hash';
import {
  assertAcceptablePassword,
  CurrentPasswordWrong,
  PasswordRejected,
  userPasswordDecider,
  type UserPasswordCommand,
} from './user-password-decider';

/** How long a set-password link stays usable: long enough for a weekend, short enough to be worth little. */
export const PASSWORD_LINK_TTL_MS = 72 * 60 * 60 * 1000;

export interface PasswordLink {
  /** The secret for the link's URL; only its hash is stored. */
  token: string;
  expiresAt: Date;
}

const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

/** Members' passwords, kept as scrypt hashes on `user-{userId}`, the one-time links to set them, and sign-outs. */
export class UserPasswords {
  constructor(private readonly store: EventStore) {}

  /**
   * Sets the password. Setting the password the user already has appends nothing, so a start-up seed
   * can call this every time.
   */
  async setPassword(userId: string, password: string, context: CommandContext): Promise<void> {
    assertAcceptablePassword(password);
    const { state } = await loadStream(this.store, userStreamName(userId), userPasswordDecider);
    const matchedHash =
      state.passwordHash !== null && (await verifyPassword(password, state.passwordHash)) ? state.passwordHash : null;
    const passwordHash = matchedHash ?? (await hashPassword(password));
    await this.execute({ type: 'SetPassword', userId, passwordHash, matchedHash }, context);
  }

  /** A new one-time link for the member to choose a password (the previous link stops working). */
  async issuePasswordLink(userId: string, context: CommandContext, now = new Date()): Promise<PasswordLink> {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(now.getTime() + PASSWORD_LINK_TTL_MS);
    const command: UserPasswordCommand = {
      type: 'IssuePasswordLink',
      userId,
      tokenHash: hashToken(token),
      expiresAt: expiresAt.toISOString(),
    };
    await this.execute(command, context);
    return { token, expiresAt };
  }

  /** Sets the password through a link; refused with `PasswordLinkInvalid` when it is unknown, used or expired. */
  async setPasswordWithLink(userId: string, token: string, password: string, context: CommandContext): Promise<void> {
    assertAcceptablePassword(password);
    const passwordHash = await hashPassword(password);
    const now = new Date().toISOString();
    await this.execute(
      { type: 'SetPasswordWithLink', userId, tokenHash: hashToken(token), passwordHash, now },
      context,
    );
  }

  /**
   * The member changes their own password, proving they know the current one (`CurrentPasswordWrong`
   * otherwise). Every session of theirs ends; resolves with the position of the change in the store.
   */
  async changePassword(
    userId: string,
    currentPassword: string,
    newPassword: string,
    context: CommandContext,
  ): Promise<AllPosition | null> {
    assertAcceptablePassword(newPassword);
    const { state } = await loadStream(this.store, userStreamName(userId), userPasswordDecider);
    const verifiedHash = state.passwordHash;
    if (verifiedHash === null || !(await verifyPassword(currentPassword, verifiedHash)))
      throw new CurrentPasswordWrong();
    if (newPassword.normalize('NFC') === currentPassword.normalize('NFC'))
      throw new PasswordRejected('Choose a new password, not the current one');
    const passwordHash = await hashPassword(newPassword);
    return this.execute({ type: 'ChangePassword', userId, passwordHash, verifiedHash }, context);
  }

  /** Ends every session of the member; resolves with the position of the sign-out in the store. */
  async signOut(userId: string, context: CommandContext): Promise<AllPosition | null> {
    return this.execute({ type: 'SignOut', userId }, context);
  }

  /** Resolves with the position of what was appended; null when nothing was. */
  private async execute(command: UserPasswordCommand, context: CommandContext): Promise<AllPosition | null> {
    let position: AllPosition | null = null;
    await handleCommand(this.store, userStreamName(command.userId), userPasswordDecider, command, {
      metadata: context,
      afterAppend: (result) => {
        position = result.position;
        return Promise.resolve();
      },
    });
    return position;
  }
}

/** The page a link opens: the web app's set-password screen. */
export function passwordLinkUrl(publicUrl: string, userId: string, link: PasswordLink): string {
  const query = new URLSearchParams({ user: userId, token: link.token });
  return `${publicUrl}/set-password?${query.toString()}`;
}
