import { ANSWERED_DIAL_STATUSES, FINAL_STATUS_RANK } from '@curbe-voice/contracts';

export type CallOutcome = 'answered' | 'missed' | 'voicemail' | 'rejected' | 'failed' | 'in_progress';

export interface OutcomeFacts {
  refused: boolean;
  statusRank: number;
  status: string | null;
  /** Set once the `<Dial>` ended. */
  dialStatus: string | null;
  sentToVoicemail: boolean;
  recordingKind: string | null;
}

/**
 * The outcome shown in the history, from everything known about the call so far. The order of the
 * checks is the order of precedence: a refusal beats anything Telnyx reports afterwards, a voicemail
 * recording makes an unanswered call a voicemail, a bridged dial makes it answered.
 */
export function deriveOutcome(facts: OutcomeFacts): CallOutcome {
  if (facts.refused) return 'rejected';
  if (facts.recordingKind === 'voicemail') return 'voicemail';
  if (facts.dialStatus !== null && ANSWERED_DIAL_STATUSES.has(facts.dialStatus)) return 'answered';
  // An unanswered dial ends the call unless the caller is now leaving a voicemail.
  const over = facts.statusRank >= FINAL_STATUS_RANK || (facts.dialStatus !== null && !facts.sentToVoicemail);
  if (!over) return 'in_progress';
  if (facts.status === 'failed' || facts.dialStatus === 'failed') return 'failed';
  return 'missed';
}
