import { userStreamName } from '@curbe-voice/contracts';
import type { AllPosition, EventStore } from '@curbe-voice/event-store';
import { handleCommand, loadStream } from '../../platform/event-sourcing/command-handler';
import type { CommandContext } from '../../platform/event-sourcing/event-envelope';
import { hashPassword, verifyPassword } from './password-hash';
import { assertAcceptablePassword, userPasswordDecider } from './user-password-decider';

/** Members' passwords, kept as scrypt hashes on `user-{userId}`, and their sign-outs. */
export class UserPasswords {
  constructor(private readonly store: EventStore) {}

  /**
   * Sets the password. Setting the password the user already has appends nothing, so a start-up seed
   * can call this every time.
   */
  async setPassword(userId: string, password: string, context: CommandContext): Promise<void> {
    assertAcceptablePassword(password);
    const stream = userStreamName(userId);
    const { state } = await loadStream(this.store, stream, userPasswordDecider);
    const matchedHash =
      state.passwordHash !== null && (await verifyPassword(password, state.passwordHash)) ? state.passwordHash : null;
    const passwordHash = matchedHash ?? (await hashPassword(password));
    await handleCommand(
      this.store,
      stream,
      userPasswordDecider,
      { type: 'SetPassword', userId, passwordHash, matchedHash },
      { metadata: context },
    );
  }

  /** Ends every session of the member; resolves with the position of the sign-out in the store. */
  async signOut(userId: string, context: CommandContext): Promise<AllPosition | null> {
    let position: AllPosition | null = null;
    await handleCommand(
      this.store,
      userStreamName(userId),
      userPasswordDecider,
      { type: 'SignOut', userId },
      {
        metadata: context,
        afterAppend: (result) => {
          position = result.position;
          return Promise.resolve();
        },
      },
    );
    return position;
  }
}
