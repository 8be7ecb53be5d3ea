import { Type, type Static } from '@sinclair/typebox';

/**
 * The call history API's answers (`GET /api/calls`, `GET /api/calls/:id`, and the live `call`
 * event): the backend validates its responses against these schemas and the web app reads them
 * through their `Static` types.
 */

const NullableString = Type.Union([Type.String(), Type.Null()]);
const NullableInteger = Type.Union([Type.Integer(), Type.Null()]);

export const CallDirectionSchema = Type.Union([Type.Literal('inbound'), Type.Literal('outbound')]);
export type CallDirection = Static<typeof CallDirectionSchema>;

/** The outcomes the history can be filtered by. */
export const CallOutcomeSchema = Type.Union([
  Type.Literal('answered'),
  Type.Literal('missed'),
  Type.Literal('voicemail'),
  Type.Literal('rejected'),
  Type.Literal('failed'),
  Type.Literal('in_progress'),
]);
export type CallOutcome = Static<typeof CallOutcomeSchema>;

/** The call's recording, once Telnyx reported one. */
export const CallRecordingViewSchema = Type.Object({
  kind: NullableString,
  durationSec: NullableInteger,
  /** Copied into our storage: playable from `url`. */
  stored: Type.Boolean(),
  copyFailed: Type.Boolean(),
  sizeBytes: NullableInteger,
  url: NullableString,
  /** When our copy was deleted under the retention policy (RECORDING_RETENTION_DAYS); null while kept. */
  purgedAt: NullableString,
});
export type CallRecordingView = Static<typeof CallRecordingViewSchema>;

/** A call as the history (and its live updates) show it. */
export const CallViewSchema = Type.Object({
  callSid: Type.String(),
  direction: CallDirectionSchema,
  agentId: NullableString,
  otherParty: NullableString,
  ourNumber: NullableString,
  /** One of CallOutcome so far; a string so that a newer outcome does not break older clients. */
  outcome: Type.String(),
  /** Why it went to voicemail or was refused. */
  reason: NullableString,
  status: NullableString,
  startedAt: NullableString,
  answeredAt: NullableString,
  endedAt: NullableString,
  durationSec: NullableInteger,
  talkSec: NullableInteger,
  recording: Type.Union([CallRecordingViewSchema, Type.Null()]),
});
export type CallView = Static<typeof CallViewSchema>;

/** One page of the history, newest first; `nextCursor` asks for the next (older) page. */
export const CallHistoryPageSchema = Type.Object({
  items: Type.Array(CallViewSchema),
  nextCursor: NullableString,
});
export type CallHistoryPage = Static<typeof CallHistoryPageSchema>;
