import { isUserEventType, userStreamName, type UserEvent } from '@curbe-voice/contracts';
import type { EventStore } from '@curbe-voice/event-store';
import { toNewEvent, type CommandContext } from '../../platform/event-sourcing/event-envelope';
import { hashPassword, verifyPassword } from './password-hash';

export const MIN_PASSWORD_LENGTH = 8;
/** scrypt's cost barely depends on length, but nobody needs more and a cap keeps bodies small. */
export const MAX_PASSWORD_LENGTH = 256;

export class PasswordRejected extends Error {
  override readonly name = 'PasswordRejected';
  readonly statusCode = 400;
}

/** Members' passwords, kept as scrypt hashes on `user-{userId}`. */
export class UserPasswords {
  constructor(private readonly store: EventStore) {}

  /**
   * Sets the password. Setting the password the user already has appends nothing, so a start-up seed
   * can call this every time.
   */
  async setPassword(userId: string, password: string, context: CommandContext): Promise<void> {
    if (password.length < MIN_PASSWORD_LENGTH) throw new PasswordRejected(`A password needs at least ${MIN_PASSWORD_LENGTH} characters`);
    if (password.length > MAX_PASSWORD_LENGTH) throw new PasswordRejected(`A password may have at most ${MAX_PASSWORD_LENGTH} characters`);
    const stream = userStreamName(userId);
    const recorded = await this.store.readStream(stream);
    const current = recorded
      .filter((e) => isUserEventType(e.type))
      .map((e) => ({ type: e.type, data: e.data }) as UserEvent)
      .reduce<string | null>((hash, event) => (event.type === 'PasswordSet' ? event.data.passwordHash : hash), null);
    if (current && (await verifyPassword(password, current))) return;
    const event: UserEvent = { type: 'PasswordSet', data: { userId, passwordHash: await hashPassword(password) } };
    const last = recorded.at(-1);
    await this.store.appendToStream(stream, [toNewEvent(event, context)], { expectedRevision: last ? last.revision : 'no_stream' });
  }
}
