import type { NumberEvent } from '@curbe-voice/contracts';

/** One phone number as its `number-{e164}` stream tells it. Pure: no I/O, no clock. */
export interface NumberState {
  phoneNumber: string;
  accountId: string;
  /** Telnyx's id of the number: null while the order is pending, or when it failed. */
  phoneNumberId: string | null;
  /** `pending` until Telnyx completes the order; `missing` when a sync found it gone at Telnyx. */
  status: 'pending' | 'active' | 'failed' | 'released' | 'missing';
  numberOrderId: string | null;
  /** Telnyx's reason, when the order failed. */
  failureReason: string | null;
  /** The TeXML application the number routes to, once attached. */
  texmlApplicationId: string | null;
  /** The agent the number rings, if any: at most one. */
  agentId: string | null;
}

const fresh = (accountId: string, phoneNumber: string): NumberState => ({
  phoneNumber,
  accountId,
  phoneNumberId: null,
  status: 'pending',
  numberOrderId: null,
  failureReason: null,
  texmlApplicationId: null,
  agentId: null,
});

export function evolveNumber(state: NumberState | null, event: NumberEvent): NumberState | null {
  switch (event.type) {
    case 'NumberOrderPlaced':
      // A released (or failed, or vanished) number may be ordered again later: a fresh life.
      return { ...fresh(event.data.accountId, event.data.phoneNumber), numberOrderId: event.data.numberOrderId };
    case 'NumberOrdered':
      return {
        ...fresh(event.data.accountId, event.data.phoneNumber),
        phoneNumberId: event.data.phoneNumberId,
        status: 'active',
        numberOrderId: event.data.numberOrderId,
      };
    case 'NumberOrderFailed':
      return state && { ...state, status: 'failed', failureReason: event.data.reason };
    case 'NumberMissingAtTelnyx':
      return state && { ...state, status: 'missing', agentId: null };
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
