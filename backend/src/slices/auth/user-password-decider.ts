import { isUserEventType, type UserEvent } from '@curbe-voice/contracts';
import type { Decider } from '../../platform/event-sourcing/decider';

export const MIN_PASSWORD_LENGTH = 8;
/** scrypt's cost barely depends on length, but nobody needs more and a cap keeps bodies small. */
export const MAX_PASSWORD_LENGTH = 256;

export class PasswordRejected extends Error {
  override readonly name = 'PasswordRejected';
  readonly statusCode = 400;
}

/** A member's password as their `user-{userId}` stream tells it: the latest scrypt hash, if any. */
export interface UserPasswordState {
  passwordHash: string | null;
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

/** Signing out ends every session of the member, on every instance (their session version moves on). */
export interface SignOut {
  type: 'SignOut';
  userId: string;
}

export type UserCommand = SetPassword | SignOut;

/** Checked on the plain password, before it is hashed. */
export function assertAcceptablePassword(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH)
    throw new PasswordRejected(`A password needs at least ${MIN_PASSWORD_LENGTH} characters`);
  if (password.length > MAX_PASSWORD_LENGTH)
    throw new PasswordRejected(`A password may have at most ${MAX_PASSWORD_LENGTH} characters`);
}

export const userPasswordDecider: Decider<UserCommand, UserPasswordState, UserEvent> = {
  decide: (command, state) => {
    if (command.type === 'SignOut') return [{ type: 'SignedOut', data: { userId: command.userId } }];
    // Setting the password the user already has adds nothing, so a start-up seed can set it every time.
    return command.matchedHash !== null && command.matchedHash === state.passwordHash
      ? []
      : [{ type: 'PasswordSet', data: { userId: command.userId, passwordHash: command.passwordHash } }];
  },
  evolve: (state, event) => (event.type === 'PasswordSet' ? { passwordHash: event.data.passwordHash } : state),
  initialState: () => ({ passwordHash: null }),
  knows: isUserEventType,
};
