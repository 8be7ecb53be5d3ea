import type { TelnyxCallStatus } from '@curbe-voice/contracts';

/**
 * How far along a call's status is. A callback with a lower rank than what is already known is
 * stale (Telnyx delivered it late) and must not move the call backwards. Every final status ranks
 * the same: once a call has ended, nothing after that changes how it ended.
 */
const STATUS_RANK: Record<TelnyxCallStatus, number> = {
  queued: 1,
  initiated: 2,
  ringing: 3,
  'in-progress': 4,
  completed: 5,
  busy: 5,
  'no-answer': 5,
  canceled: 5,
  failed: 5,
};

export const FINAL_STATUS_RANK = 5;

export function statusRank(status: string): number {
  return STATUS_RANK[status as TelnyxCallStatus] ?? 0;
}

/** Dial statuses that mean the other side picked up. */
export const ANSWERED_DIAL_STATUSES: ReadonlySet<string> = new Set(['completed', 'answered']);

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
