import type { CallView } from '@curbe-voice/contracts/api/calls';
import type { CallHistoryEntry } from '@curbe-voice/projections/read-models/call-history';

/** A history row as the API (and its live updates) show it: contracts/api/calls.ts's CallViewSchema. */
export function toCallView(row: CallHistoryEntry): CallView {
  return {
    callSid: row.callSid,
    direction: row.direction === 'outbound' ? 'outbound' : 'inbound',
    agentId: row.agentId,
    otherParty: row.otherParty,
    ourNumber: row.ourNumber,
    outcome: row.outcome,
    reason: row.refusalReason ?? row.voicemailReason,
    status: row.status,
    startedAt: row.startedAt,
    answeredAt: row.answeredAt,
    endedAt: row.endedAt,
    durationSec: row.durationSec,
    talkSec: row.talkSec,
    recording: row.recordingSid
      ? {
          kind: row.recordingKind,
          durationSec: row.recordingDurationSec,
          stored: row.recordingStored,
          copyFailed: row.recordingCopyFailed,
          sizeBytes: row.recordingSizeBytes,
          url: row.recordingStored ? `/api/calls/${encodeURIComponent(row.callSid)}/recording` : null,
          purgedAt: row.recordingPurgedAt ?? null,
        }
      : null,
  };
}
