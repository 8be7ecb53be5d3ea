import { randomUUID } from 'node:crypto';
import { PLATFORM_OPERATORS_STREAM } from '@curbe-voice/contracts';
import type { EventStore } from '@curbe-voice/event-store';
import { handleCommand, loadStream } from '../../platform/event-sourcing/command-handler';
import type { CommandContext } from '../../platform/event-sourcing/event-envelope';
import { normaliseEmail, type EmailsInUse } from '../accounts';
import { operatorDecider, OperatorRejected, type PlatformOperator } from './operator-decider';

export interface PlatformOperatorsDeps {
  store: EventStore;
  /** Every email that signs somebody in: an operator's must be nobody else's. */
  emails: EmailsInUse;
}

/** The platform's operators, on the `platform-operators` stream (bootstrapped from the command line). */
export class PlatformOperators {
  constructor(private readonly deps: PlatformOperatorsDeps) {}

  async list(): Promise<PlatformOperator[]> {
    return (await loadStream(this.deps.store, PLATFORM_OPERATORS_STREAM, operatorDecider)).state.operators;
  }

  async get(userId: string): Promise<PlatformOperator | null> {
    return (await this.list()).find((operator) => operator.userId === userId) ?? null;
  }

  async add(input: { email: string; displayName: string }, context: CommandContext): Promise<PlatformOperator> {
    const email = normaliseEmail(input.email);
    if (await this.deps.emails.isInUse(email))
      throw new OperatorRejected('email_taken', `${email} already signs in to Curbe Voice`);
    const operator = { userId: randomUUID(), email, displayName: input.displayName };
    const { state } = await handleCommand(
      this.deps.store,
      PLATFORM_OPERATORS_STREAM,
      operatorDecider,
      { type: 'AddOperator', operator },
      { metadata: context },
    );
    return state.operators.find((added) => added.userId === operator.userId)!;
  }
}
