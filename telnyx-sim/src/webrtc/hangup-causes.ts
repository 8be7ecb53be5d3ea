import type { RingOutcome } from '../calls/dial-legs';
import type { CallStatus } from '../calls/sim-call';

/**
 * Hang-up causes on the WebRTC wire (FreeSWITCH/Q.850 names and codes, as Telnyx sends them in
 * `telnyx_rtc.bye`), translated from and to the call engine's outcomes.
 */

export interface ByeCause {
  cause: string;
  causeCode: number;
}

const NORMAL_CLEARING: ByeCause = { cause: 'NORMAL_CLEARING', causeCode: 16 };
const USER_BUSY: ByeCause = { cause: 'USER_BUSY', causeCode: 17 };
const NO_ANSWER: ByeCause = { cause: 'NO_ANSWER', causeCode: 19 };
const CALL_REJECTED: ByeCause = { cause: 'CALL_REJECTED', causeCode: 21 };
const NORMAL_TEMPORARY_FAILURE: ByeCause = { cause: 'NORMAL_TEMPORARY_FAILURE', causeCode: 41 };
const ORIGINATOR_CANCEL: ByeCause = { cause: 'ORIGINATOR_CANCEL', causeCode: 487 };
const LOSE_RACE: ByeCause = { cause: 'LOSE_RACE', causeCode: 502 };
const ALLOTTED_TIMEOUT: ByeCause = { cause: 'ALLOTTED_TIMEOUT', causeCode: 602 };

/** Why a browser's outbound call ended, from the engine's final status and hang-up cause. */
export function byeForCallEnding(status: CallStatus, hangupCause: string | null | undefined): ByeCause {
  switch (status) {
    case 'busy':
      return USER_BUSY;
    case 'no-answer':
      return hangupCause === 'call_rejected' ? CALL_REJECTED : NO_ANSWER;
    case 'failed':
      return NORMAL_TEMPORARY_FAILURE;
    case 'canceled':
      return ORIGINATOR_CANCEL;
    default:
      return NORMAL_CLEARING;
  }
}

/** Why the engine ended a dial leg ringing or bridged to a browser (`DialLeg.end(cause)`). */
export function byeForLegEnd(cause: string): ByeCause {
  switch (cause) {
    case 'answered_elsewhere':
      return LOSE_RACE;
    case 'timeout':
      return NO_ANSWER;
    case 'originator_cancel':
      return ORIGINATOR_CANCEL;
    case 'time_limit':
      return ALLOTTED_TIMEOUT;
    default:
      return NORMAL_CLEARING;
  }
}

/** A browser turning down a call that rings it: "busy" when it says so, else a rejection. */
export function ringOutcomeOfDecline(cause: unknown, causeCode: unknown): Exclude<RingOutcome, 'answered'> {
  return cause === USER_BUSY.cause || causeCode === USER_BUSY.causeCode || causeCode === String(USER_BUSY.causeCode)
    ? 'busy'
    : 'rejected';
}
