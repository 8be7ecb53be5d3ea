import { numberStreamName } from '@curbe-voice/contracts';
import type { AllPosition, EventStore } from '@curbe-voice/event-store';
import { handleCommand } from '../../platform/event-sourcing/command-handler';
import type { CommandContext } from '../../platform/event-sourcing/event-envelope';
import { numberDecider, type NumberCommand } from './number-decider';
import type { NumberState } from './number-state';

export interface NumberAdoption {
  accountId: string;
  phoneNumber: string;
  /** Telnyx's id of the number in the managed account. */
  phoneNumberId: string;
  /** The account's TeXML application the number is attached to, when it is. */
  texmlApplicationId: string | null;
}

/**
 * Records that a number the managed account holds at Telnyx is the account's, ready to assign
 * (activation finds the numbers there before it; a sync finds numbers bought outside the product).
 * Repeating it changes nothing: the event's id comes from the account and Telnyx's number id.
 */
export async function adoptNumber(
  store: EventStore,
  adoption: NumberAdoption,
  context: CommandContext,
  afterAppend?: (position: AllPosition) => Promise<void>,
): Promise<NumberState | null> {
  const command: NumberCommand = { type: 'Adopt', ...adoption };
  const { state } = await handleCommand(store, numberStreamName(adoption.phoneNumber), numberDecider, command, {
    metadata: context,
    afterAppend: async ({ position }) => afterAppend?.(position),
  });
  return state;
}
