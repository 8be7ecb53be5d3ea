import type { CallPhase } from './phone-store';

/** SDK call states that mean the call is over (after `hangup` come `destroy` and `purge`). */
const ENDED = new Set(['hangup', 'destroy', 'purge', 'done']);

/** What the agent sees for an SDK call state. */
export function phaseOf(sdkState: string, direction: 'inbound' | 'outbound'): CallPhase {
  if (ENDED.has(sdkState)) return 'ended';
  switch (sdkState) {
    case 'active':
      return 'active';
    case 'held':
      return 'held';
    case 'ringing':
      return direction === 'inbound' ? 'ringing' : 'dialing';
    case 'early':
      // Early media on an outbound call: the far end is ringing (or playing a message).
      return 'dialing';
    case 'answering':
    case 'recovering':
      return 'connecting';
    default:
      // new, requesting, trying
      return direction === 'inbound' ? 'ringing' : 'dialing';
  }
}

/** The SDK's hang-up cause in words, or null for an ordinary hang-up. */
export function describeHangup(
  cause: string | undefined,
  direction: 'inbound' | 'outbound',
  wasAnswered: boolean,
): string | null {
  switch (cause) {
    case undefined:
    case '':
    case 'NORMAL_CLEARING':
      return wasAnswered || direction === 'inbound' ? null : 'No answer';
    case 'USER_BUSY':
      return 'Busy';
    case 'NO_ANSWER':
    case 'NO_USER_RESPONSE':
    case 'ORIGINATOR_CANCEL':
      return 'No answer';
    case 'CALL_REJECTED':
      return 'Call rejected';
    case 'UNALLOCATED_NUMBER':
    case 'INVALID_NUMBER_FORMAT':
      return 'That number does not exist';
    case 'PURGE':
      return 'The connection dropped';
    default:
      return cause
        .replaceAll('_', ' ')
        .toLowerCase()
        .replace(/^./, (c) => c.toUpperCase());
  }
}
