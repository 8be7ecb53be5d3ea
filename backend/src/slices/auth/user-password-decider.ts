import { timingSafeEqual } from 'node:crypto';
import { isUserEventType, type UserEvent } from '@curbe-voice/contracts';
import type { Decider } from '../../platform/event-sourcing/decider';

export const MIN_PASSWORD_LENGTH = 8;
/** scrypt's cost barely depends on length, but nobody needs more and a cap keeps bodies small. */
export const MAX_PASSWORD_LENGTH = 256;

export class PasswordRejected extends Error {
  override readonly name = 'PasswordRejected';
  readonly statusCode = 400;
}

/** A set-password link that is unknown, used or expired: the same answer for each, so links cannot be probed. */
export class PasswordLinkInvalid extends Error {
  override readonly name = 'PasswordLinkInvalid';
  readonly statusCode = 410;
  constructor() {
    super('This link is no longer valid. Ask your agency admin for a new one.');
  }
}

/** Changing one's password: the current one given was not right. */
export class CurrentPasswordWrong extends Error {
  override readonly name = 'CurrentPasswordWrong';
  readonly statusCode = 403;
  constructor() {
    super('The current password is not correct');
  }
}

/** The password changed between checking the current one and recording the new one (another tab, an admin's link). */
export class PasswordChangedMeanwhile extends Error {
  override readonly name = 'PasswordChangedMeanwhile';
  readonly statusCode = 409;
  constructor() {
    super('Your password was changed meanwhile. Sign in again with the new one.');
  }
}

/** A member's password as their `user-{userId}` stream tells it: the latest scrypt hash, if any, and an open link. */
export interface UserPasswordState {
  passwordHash: string | null;
  /** The latest set-password link not used yet; setting a password closes it. */
  openLink: { tokenHash: string; expiresAt: string } | null;
}

/**
 * Hashing and verifying are slow and salted, so they happen before the decision: the command carries
 * the new hash and, when the password turned out to be the one already set, the hash it matched.
 */
export interface SetPassword {
  type: 'SetPassword';
  userId: string;
  passwordHash: string;
  /** The stored hash this password was verified against, when it matched; null otherwise. */
  matchedHash: string | null;
}

export interface IssuePasswordLink {
  type: 'IssuePasswordLink';
  userId: string;
  tokenHash: string;
  expiresAt: string;
}

/** Setting a password through a link: only the link's holder, once, before it expires. */
export interface SetPasswordWithLink {
  type: 'SetPasswordWithLink';
  userId: string;
  tokenHash: string;
  passwordHash: string;
  now: string;
}

/**
 * A signed-in member changes their own password: recorded only while the password they proved they
 * know (`verifiedHash`, the hash it matched) is still the current one.
 */
export interface ChangePassword {
  type: 'ChangePassword';
  userId: string;
  passwordHash: string;
  verifiedHash: string;
}

/** Signing out ends every session of the member, on every instance (their session version moves on). */
export interface SignOut {
  type: 'SignOut';
  userId: string;
}

export type UserPasswordCommand = SetPassword | IssuePasswordLink | SetPasswordWithLink | ChangePassword | SignOut;
export type UserCommand = UserPasswordCommand;

/** Checked on the plain password, before it is hashed. */
export function assertAcceptablePassword(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH)
    throw new PasswordRejected(`A password needs at least ${MIN_PASSWORD_LENGTH} characters`);
  if (password.length > MAX_PASSWORD_LENGTH)
    throw new PasswordRejected(`A password may have at most ${MAX_PASSWORD_LENGTH} characters`);
}

const sameHash = (a: string, b: string): boolean =>
  a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

function decide(command: UserPasswordCommand, state: UserPasswordState): UserEvent[] {
  switch (command.type) {
    case 'SetPassword':
      // Setting the password the user already has adds nothing, so a start-up seed can set it every time.
      return command.matchedHash !== null && command.matchedHash === state.passwordHash
        ? []
        : [{ type: 'PasswordSet', data: { userId: command.userId, passwordHash: command.passwordHash } }];
    case 'ChangePassword':
      if (state.passwordHash === null || !sameHash(state.passwordHash, command.verifiedHash))
        throw new PasswordChangedMeanwhile();
      return [{ type: 'PasswordSet', data: { userId: command.userId, passwordHash: command.passwordHash } }];
    case 'SignOut':
      return [{ type: 'SignedOut', data: { userId: command.userId } }];
    case 'IssuePasswordLink':
      return [
        {
          type: 'PasswordLinkIssued',
          data: { userId: command.userId, tokenHash: command.tokenHash, expiresAt: command.expiresAt },
        },
      ];
    case 'SetPasswordWithLink': {
      const link = state.openLink;
      if (
        !link ||
        !sameHash(link.tokenHash, command.tokenHash) ||
        Date.parse(link.expiresAt) <= Date.parse(command.now)
      )
        throw new PasswordLinkInvalid();
      return [{ type: 'PasswordSet', data: { userId: command.userId, passwordHash: command.passwordHash } }];
    }
  }
}

function evolve(state: UserPasswordState, event: UserEvent): UserPasswordState {
  switch (event.type) {
    case 'PasswordSet':
      return { passwordHash: event.data.passwordHash, openLink: null };
    case 'PasswordLinkIssued':
      // A new link replaces the previous one.
      return { ...state, openLink: { tokenHash: event.data.tokenHash, expiresAt: event.data.expiresAt } };
    case 'SignedOut':
      return state;
  }
}

export const userPasswordDecider: Decider<UserPasswordCommand, UserPasswordState, UserEvent> = {
  decide,
  evolve,
  initialState: () => ({ passwordHash: null, openLink: null }),
  knows: isUserEventType,
};
