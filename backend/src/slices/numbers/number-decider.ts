import { v5 as uuidv5 } from 'uuid';
import { isNumberEventType, type NumberEvent } from '@curbe-voice/contracts';
import type { Decider } from '../../platform/event-sourcing/decider';
import { isE164 } from './e164';
import { NumberRejected } from './number-rejected';
import { evolveNumber, type NumberState } from './number-state';

/**
 * The rules of a number's life, pure. Telnyx work happens around them: the guards run before Telnyx
 * is asked, `decide` turns what Telnyx answered into events.
 *
 * An order is pending until Telnyx completes it (polled, or its `number_order.complete` webhook):
 * then the number is the account's, or the order failed with Telnyx's reason. A number the managed
 * account holds at Telnyx without an order of ours (bought elsewhere, or there before activation) is
 * adopted. Completions and adoptions carry ids derived from the Telnyx fact, so a repeat is stored once.
 *
 * Reassignment is two steps on purpose: assigning a number that already rings another agent is
 * refused until it is unassigned. Two admins acting at once then cannot silently take a number from
 * each other, and the audit trail shows plainly who held the number and when it was let go.
 */
type Scope = { accountId: string; phoneNumber: string };
/** A number event as decided: Telnyx's facts carry an id of their own. */
export type DecidedNumberEvent = NumberEvent & { id?: string };
export type NumberCommand =
  | (Scope & {
      type: 'RecordOrder';
      phoneNumberId: string;
      numberOrderId: string | null;
      adopted: boolean;
      /** The TeXML application the number was ordered onto or attached to, if the account has one. */
      texmlApplicationId: string | null;
    })
  | (Scope & { type: 'PlaceOrder'; numberOrderId: string })
  | (Scope & { type: 'CompleteOrder'; numberOrderId: string; phoneNumberId: string; texmlApplicationId: string | null })
  | (Scope & { type: 'FailOrder'; numberOrderId: string; reason: string })
  | (Scope & { type: 'Adopt'; phoneNumberId: string; texmlApplicationId: string | null })
  | (Scope & { type: 'MarkMissing' })
  | (Scope & { type: 'AssignToAgent'; agentId: string })
  /** With `agentId`, only that agent lets go (a number handed on meanwhile stays with its new agent). */
  | (Scope & { type: 'Unassign'; agentId?: string })
  | (Scope & { type: 'RecordRelease' });

const NUMBER_EVENTS_NAMESPACE = '6b1f0d1e-3c55-4f0b-9a47-8f2f61c1a9d3';
const factId = (...parts: string[]) => uuidv5(parts.join('|'), NUMBER_EVENTS_NAMESPACE);

export function assertE164(phoneNumber: string): void {
  if (!isE164(phoneNumber)) {
    throw new NumberRejected(
      'invalid_number',
      `${phoneNumber} is not a phone number in E.164 format (e.g. +13125550123)`,
    );
  }
}

/** A number can be ordered when no account holds it now nor waits for it. */
export function assertOrderable(state: NumberState | null, accountId: string): void {
  if (state?.status === 'pending' && state.accountId === accountId) {
    throw new NumberRejected('order_pending', `${state.phoneNumber} is already being ordered at Telnyx`);
  }
  if (state?.status !== 'active' && state?.status !== 'pending') return;
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
  switch (state.status) {
    case 'active':
      return state;
    case 'released':
      throw new NumberRejected('released', `${phoneNumber} has been released`);
    case 'pending':
      throw new NumberRejected('order_pending', `${phoneNumber} is still being ordered at Telnyx; try again shortly`);
    case 'failed':
      throw new NumberRejected('order_failed', `The order of ${phoneNumber} failed: ${state.failureReason ?? ''}`);
    case 'missing':
      throw new NumberRejected('missing_at_telnyx', `${phoneNumber} is no longer in the account at Telnyx`);
  }
}

const pendingOrder = (state: NumberState | null, command: Scope & { numberOrderId: string }) =>
  state?.status === 'pending' && state.accountId === command.accountId && state.numberOrderId === command.numberOrderId;

function becomesActive(
  command: Scope & { phoneNumberId: string; texmlApplicationId: string | null },
  numberOrderId: string | null,
  adopted: boolean,
  id?: string,
): DecidedNumberEvent[] {
  const { accountId, phoneNumber, phoneNumberId, texmlApplicationId } = command;
  const events: DecidedNumberEvent[] = [
    { type: 'NumberOrdered', data: { accountId, phoneNumber, phoneNumberId, numberOrderId, adopted }, id },
  ];
  if (texmlApplicationId) {
    events.push({
      type: 'NumberAttachedToApplication',
      data: { accountId, phoneNumber, phoneNumberId, texmlApplicationId },
      ...(id ? { id: factId(id, 'attached') } : {}),
    });
  }
  return events;
}

/** Completing, failing, adopting and vanishing: facts Telnyx reports, decided without refusing. */
function decideTelnyxFact(command: NumberCommand, state: NumberState | null): DecidedNumberEvent[] {
  const { accountId, phoneNumber } = command;
  switch (command.type) {
    case 'CompleteOrder':
      if (!pendingOrder(state, command)) return [];
      return becomesActive(command, command.numberOrderId, false, factId(command.numberOrderId, phoneNumber, 'ok'));
    case 'FailOrder': {
      if (!pendingOrder(state, command)) return [];
      const { numberOrderId, reason } = command;
      const id = factId(numberOrderId, phoneNumber, 'failed');
      return [{ type: 'NumberOrderFailed', data: { accountId, phoneNumber, numberOrderId, reason }, id }];
    }
    case 'Adopt': {
      // Another account's active number is left to that account's own sync to let go.
      if (state?.status === 'active' && state.accountId !== accountId) return [];
      if (state?.status === 'active' && state.phoneNumberId === command.phoneNumberId) return [];
      const orderId = state?.status === 'pending' && state.accountId === accountId ? state.numberOrderId : null;
      return becomesActive(command, orderId, true, factId(accountId, command.phoneNumberId, 'adopted'));
    }
    case 'MarkMissing': {
      if (state?.status !== 'active' || state.accountId !== accountId || !state.phoneNumberId) return [];
      const events: DecidedNumberEvent[] = state.agentId
        ? [{ type: 'NumberUnassignedFromAgent', data: { accountId, phoneNumber, agentId: state.agentId } }]
        : [];
      events.push({
        type: 'NumberMissingAtTelnyx',
        data: { accountId, phoneNumber, phoneNumberId: state.phoneNumberId },
      });
      return events;
    }
    default:
      return [];
  }
}

export function decideNumber(command: NumberCommand, state: NumberState | null): DecidedNumberEvent[] {
  const { accountId, phoneNumber } = command;
  assertE164(phoneNumber);
  switch (command.type) {
    case 'RecordOrder':
      assertOrderable(state, accountId);
      return becomesActive(command, command.numberOrderId, command.adopted);
    case 'PlaceOrder':
      assertOrderable(state, accountId);
      return [{ type: 'NumberOrderPlaced', data: { accountId, phoneNumber, numberOrderId: command.numberOrderId } }];
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
      if (!number.agentId || (command.agentId !== undefined && command.agentId !== number.agentId)) return [];
      return [{ type: 'NumberUnassignedFromAgent', data: { accountId, phoneNumber, agentId: number.agentId } }];
    }
    case 'RecordRelease': {
      const number = assertActiveInAccount(state, accountId, phoneNumber);
      // Unassign first, so the agent's loss of the number is its own fact in the trail.
      const events: DecidedNumberEvent[] = number.agentId
        ? [{ type: 'NumberUnassignedFromAgent', data: { accountId, phoneNumber, agentId: number.agentId } }]
        : [];
      events.push({ type: 'NumberReleased', data: { accountId, phoneNumber, phoneNumberId: number.phoneNumberId! } });
      return events;
    }
    default:
      return decideTelnyxFact(command, state);
  }
}

/** A number's stream starts empty: no account has held it yet. */
export const numberDecider: Decider<NumberCommand, NumberState | null, DecidedNumberEvent> = {
  decide: decideNumber,
  evolve: evolveNumber,
  initialState: null,
  knows: isNumberEventType,
};
