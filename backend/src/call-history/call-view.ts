import { Type, type Static } from '@sinclair/typebox';
import type { CallHistoryEntry } from '@curbe-voice/projections/read-models/call-history/index';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

export const CallOutcomeSchema = Type.Union(
  ['answered', 'missed', 'voicemail', 'rejected', 'failed', 'in_progress'].map((value) => Type.Literal(value)),
);

/** A call as the history (and its live updates) show it. */
export const CallViewSchema = Type.Object({
  callSid: Type.String(),
  direction: Type.Union([Type.Literal('inbound'), Type.Literal('outbound')]),
  agentId: Nullable(Type.String()),
  otherParty: Nullable(Type.String()),
  ourNumber: Nullable(Type.String()),
  outcome: Type.String(),
  /** Why it went to voicemail or was refused. */
  reason: Nullable(Type.String()),
  status: Nullable(Type.String()),
  startedAt: Nullable(Type.String()),
  answeredAt: Nullable(Type.String()),
  endedAt: Nullable(Type.String()),
  durationSec: Nullable(Type.Integer()),
  talkSec: Nullable(Type.Integer()),
  recording: Nullable(
    Type.Object({
      kind: Nullable(Type.String()),
      durationSec: Nullable(Type.Integer()),
      /** Copied into our storage: playable from `url`. */
      stored: Type.Boolean(),
      copyFailed: Type.Boolean(),
      sizeBytes: Nullable(Type.Integer()),
      url: Nullable(Type.String()),
      /** When our copy was deleted under the retention policy (RECORDING_RETENTION_DAYS). */
      purgedAt: Type.Optional(Nullable(Type.String())),
    }),
  ),
});
export type CallView = Static<typeof CallViewSchema>;

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
