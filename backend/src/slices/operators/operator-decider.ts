import { isPlatformEventType, type PlatformEvent } from '@curbe-voice/contracts';
import type { Decider } from '../../platform/event-sourcing/decider';
import { isEmailAddress, normaliseEmail } from '../accounts';

/** Who runs the platform, decided on the `platform-operators` stream. */
export interface PlatformOperator {
  userId: string;
  email: string;
  displayName: string;
}

export interface PlatformOperatorsState {
  operators: PlatformOperator[];
}

export type OperatorCommand = { type: 'AddOperator'; operator: PlatformOperator };

export class OperatorRejected extends Error {
  override readonly name = 'OperatorRejected';
  constructor(
    readonly reason: 'email_taken' | 'invalid',
    message: string,
  ) {
    super(message);
  }
}

function decide(command: OperatorCommand, state: PlatformOperatorsState): PlatformEvent[] {
  const { userId, displayName } = command.operator;
  const email = normaliseEmail(command.operator.email);
  if (!isEmailAddress(email)) throw new OperatorRejected('invalid', `Not an email address: ${command.operator.email}`);
  if (!displayName.trim()) throw new OperatorRejected('invalid', 'A display name is required');
  if (state.operators.some((operator) => operator.email === email))
    throw new OperatorRejected('email_taken', `${email} is already an operator`);
  if (state.operators.some((operator) => operator.userId === userId))
    throw new OperatorRejected('invalid', `User ${userId} is already an operator`);
  return [{ type: 'PlatformOperatorAdded', data: { userId, email, displayName: displayName.trim() } }];
}

function evolve(state: PlatformOperatorsState, event: PlatformEvent): PlatformOperatorsState {
  switch (event.type) {
    case 'PlatformOperatorAdded':
      return { operators: [...state.operators, event.data] };
  }
}

export const operatorDecider: Decider<OperatorCommand, PlatformOperatorsState, PlatformEvent> = {
  decide,
  evolve,
  initialState: () => ({ operators: [] }),
  knows: isPlatformEventType,
};
