import { isNumberEventType, type NumberEvent } from '@curbe-voice/contracts';
import type { Decider } from '../../platform/event-sourcing/decider';
import { isE164 } from './e164';
import { NumberRejected } from './number-rejected';
import { evolveNumber, type NumberState } from './number-state';

/**
 * The rules of a number's life, pure. Telnyx work happens around them: the guards run before Telnyx
 * is asked, `decide` turns what Telnyx answered into events.
 *
 * Reassignment is two steps on purpose: assigning a number that already rings another agent is
 * refused until it is unassigned. Two admins acting at once then cannot silently take a number from
 * each other, and the audit trail shows plainly who held the number and when it was let go.
 */
export type NumberCommand =
  | {
      type: 'RecordOrder';
      accountId: string;
      phoneNumber: string;
      phoneNumberId: string;
      numberOrderId: string | null;
      adopted: boolean;
      /** The TeXML application the number was ordered onto or attached to, if the account has one. */
      texmlApplicationId: string | null;
    }
  | { type: 'AssignToAgent'; accountId: string; phoneNumber: string; agentId: string }
  | { type: 'Unassign'; accountId: string; phoneNumber: string }
  | { type: 'RecordRelease'; accountId: string; phoneNumber: string };

export function assertE164(phoneNumber: string): void {
  if (!isE164(phoneNumber)) {
    throw new NumberRejected(
      'invalid_number',
      `${phoneNumber} is not a phone number in E.164 format (e.g. +13125550123)`,
    );
  }
}

/** A number can be ordered when no account holds it now. */
export function assertOrderable(state: NumberState | null, accountId: string): void {
  if (state?.status !== 'active') return;
  throw new NumberRejected(
    'already_owned',
    state.accountId === accountId
      ? `${state.phoneNumber} already belongs to this account`
      : `${state.phoneNumber} is not available`,
  );
}

/** The number, active and held by this account. Another account's number reads as unknown. */
export function assertActiveInAccount(state: NumberState | null, accountId: string, phoneNumber: string): NumberState {
  if (!state || state.accountId !== accountId) {
    throw new NumberRejected('number_not_found', `This account has no number ${phoneNumber}`);
  }
  if (state.status === 'released') throw new NumberRejected('released', `${phoneNumber} has been released`);
  return state;
}

export function decideNumber(command: NumberCommand, state: NumberState | null): NumberEvent[] {
  const { accountId, phoneNumber } = command;
  assertE164(phoneNumber);
  switch (command.type) {
    case 'RecordOrder': {
      assertOrderable(state, accountId);
      const { phoneNumberId, numberOrderId, adopted, texmlApplicationId } = command;
      const events: NumberEvent[] = [
        { type: 'NumberOrdered', data: { accountId, phoneNumber, phoneNumberId, numberOrderId, adopted } },
      ];
      if (texmlApplicationId) {
        events.push({
          type: 'NumberAttachedToApplication',
          data: { accountId, phoneNumber, phoneNumberId, texmlApplicationId },
        });
      }
      return events;
    }
    case 'AssignToAgent': {
      const number = assertActiveInAccount(state, accountId, phoneNumber);
      if (number.agentId === command.agentId) return [];
      if (number.agentId) {
        throw new NumberRejected(
          'assigned_to_other_agent',
          `${phoneNumber} is assigned to agent ${number.agentId}; unassign it first`,
        );
      }
      return [{ type: 'NumberAssignedToAgent', data: { accountId, phoneNumber, agentId: command.agentId } }];
    }
    case 'Unassign': {
      const number = assertActiveInAccount(state, accountId, phoneNumber);
      if (!number.agentId) return [];
      return [{ type: 'NumberUnassignedFromAgent', data: { accountId, phoneNumber, agentId: number.agentId } }];
    }
    case 'RecordRelease': {
      const number = assertActiveInAccount(state, accountId, phoneNumber);
      // Unassign first, so the agent's loss of the number is its own fact in the trail.
      const events: NumberEvent[] = number.agentId
        ? [{ type: 'NumberUnassignedFromAgent', data: { accountId, phoneNumber, agentId: number.agentId } }]
        : [];
      events.push({ type: 'NumberReleased', data: { accountId, phoneNumber, phoneNumberId: number.phoneNumberId } });
      return events;
    }
  }
}

/** A number's stream starts empty: no account has held it yet. */
export const numberDecider: Decider<NumberCommand, NumberState | null, NumberEvent> = {
  decide: decideNumber,
  evolve: evolveNumber,
  initialState: null,
  knows: isNumberEventType,
};
