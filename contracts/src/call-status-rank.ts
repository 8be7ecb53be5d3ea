import type { TelnyxCallStatus } from './events/call-events';

/**
 * How far along a call's status is. A callback with a lower rank than what is already known is
 * stale (Telnyx delivered it late) and must not move the call backwards. Every final status ranks
 * the same: once a call has ended, nothing after that changes how it ended. Shared by the command
 * side (which statuses to record) and the call history (how a call ended), so they cannot disagree.
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

/** 0 for a status Telnyx may add later: it never moves a call. */
export function statusRank(status: string): number {
  return STATUS_RANK[status as TelnyxCallStatus] ?? 0;
}

/** Dial statuses that mean the other side picked up. */
export const ANSWERED_DIAL_STATUSES: ReadonlySet<string> = new Set(['completed', 'answered']);
