import type { NumberEvent } from '@curbe-voice/contracts';

/** One phone number as its `number-{e164}` stream tells it. Pure: no I/O, no clock. */
export interface NumberState {
  phoneNumber: string;
  accountId: string;
  phoneNumberId: string;
  status: 'active' | 'released';
  /** The TeXML application the number routes to, once attached. */
  texmlApplicationId: string | null;
  /** The agent the number rings, if any: at most one. */
  agentId: string | null;
}

export function evolveNumber(state: NumberState | null, event: NumberEvent): NumberState | null {
  switch (event.type) {
    case 'NumberOrdered':
      // A released number may be ordered again later, by this or another account: a fresh life.
      return {
        phoneNumber: event.data.phoneNumber,
        accountId: event.data.accountId,
        phoneNumberId: event.data.phoneNumberId,
        status: 'active',
        texmlApplicationId: null,
        agentId: null,
      };
    case 'NumberAttachedToApplication':
      return state && { ...state, texmlApplicationId: event.data.texmlApplicationId };
    case 'NumberAssignedToAgent':
      return state && { ...state, agentId: event.data.agentId };
    case 'NumberUnassignedFromAgent':
      return state && { ...state, agentId: null };
    case 'NumberReleased':
      return state && { ...state, status: 'released', agentId: null };
  }
}
