import { Type, type Static } from '@sinclair/typebox';

/**
 * Events of the `call-{CallSid}` stream: what we decided to do with a call and what Telnyx told us
 * happened to it. Events derived from a Telnyx callback carry a deterministic id (UUIDv5 of the
 * callback's identity), so a redelivered callback appends nothing.
 */

export const callStreamName = (callSid: string): string => `call-${callSid}`;
export const CALL_STREAM_PREFIX = 'call-';

export const CallDirectionSchema = Type.Union([Type.Literal('inbound'), Type.Literal('outbound')]);
export type CallDirection = Static<typeof CallDirectionSchema>;

/** Where a call was sent: an agent's web phone, a phone number, or straight to voicemail. */
export const CallRouteSchema = Type.Union([Type.Literal('agent'), Type.Literal('number'), Type.Literal('voicemail')]);
export type CallRoute = Static<typeof CallRouteSchema>;

/** Why an inbound call went straight to voicemail. */
export const VoicemailReasonSchema = Type.Union([
  Type.Literal('unassigned_number'),
  Type.Literal('agent_without_credential'),
  /** The number's agent is disabled: their web phone is not rung. */
  Type.Literal('agent_disabled'),
  Type.Literal('no_answer'),
]);
export type VoicemailReason = Static<typeof VoicemailReasonSchema>;

/** Why a call was refused instead of connected. */
export const CallRefusalReasonSchema = Type.Union([
  Type.Literal('unknown_number'),
  Type.Literal('unknown_agent'),
  Type.Literal('agent_without_number'),
  Type.Literal('invalid_destination'),
  Type.Literal('destination_not_allowed'),
  Type.Literal('calling_not_set_up'),
  Type.Literal('premium_rate_destination'),
]);
export type CallRefusalReason = Static<typeof CallRefusalReasonSchema>;

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

export const CallRoutedSchema = Type.Object({
  callSid: Type.String(),
  accountId: Type.String(),
  direction: CallDirectionSchema,
  /** The agent whose history the call belongs to; null for an unassigned number's voicemail (account-wide). */
  agentId: Nullable(Type.String()),
  /** Our business number on the call (called number inbound, caller id outbound). */
  ourNumber: Type.String(),
  /** The customer's number (caller inbound, destination outbound). */
  otherParty: Type.String(),
  route: CallRouteSchema,
  /** `sip:…` URI or E.164 number dialled; null when the call went to voicemail. */
  dialTarget: Nullable(Type.String()),
  voicemailReason: Nullable(VoicemailReasonSchema),
});

export const CallRefusedSchema = Type.Object({
  callSid: Type.String(),
  accountId: Nullable(Type.String()),
  direction: CallDirectionSchema,
  agentId: Nullable(Type.String()),
  ourNumber: Nullable(Type.String()),
  otherParty: Type.String(),
  reason: CallRefusalReasonSchema,
  /** ISO country of the destination when it was understood (e.g. `GB` for a blocked country). */
  country: Nullable(Type.String()),
  /** Said to the caller before hanging up. */
  message: Type.String(),
});

export const CallStatusValues = [
  'queued',
  'initiated',
  'ringing',
  'in-progress',
  'completed',
  'busy',
  'no-answer',
  'canceled',
  'failed',
] as const;
export type TelnyxCallStatus = (typeof CallStatusValues)[number];
export const TelnyxCallStatusSchema = Type.Union(CallStatusValues.map((status) => Type.Literal(status)));

export const CallStatusChangedSchema = Type.Object({
  callSid: Type.String(),
  status: TelnyxCallStatusSchema,
  sequenceNumber: Nullable(Type.Integer()),
  /** When Telnyx says it happened (the callback's `Timestamp`). */
  at: Type.String(),
  /** When the call began at Telnyx (`CallInitiatedAt`). */
  initiatedAt: Nullable(Type.String()),
  durationSec: Nullable(Type.Integer({ minimum: 0 })),
  hangupCause: Nullable(Type.String()),
  dialCallStatus: Nullable(Type.String()),
  dialCallDurationSec: Nullable(Type.Integer({ minimum: 0 })),
  from: Type.String(),
  to: Type.String(),
});

/** The `<Dial>` ended (its action URL was called). */
export const DialCompletedSchema = Type.Object({
  callSid: Type.String(),
  dialCallSid: Type.String(),
  /** `completed` (bridged), `answered`, `busy`, `no-answer`, `failed`, `canceled`. */
  dialCallStatus: Type.String(),
  dialCallDurationSec: Type.Integer({ minimum: 0 }),
  /** True when the caller was then offered voicemail. */
  sentToVoicemail: Type.Boolean(),
  at: Type.String(),
});

export const RecordingKindSchema = Type.Union([Type.Literal('conversation'), Type.Literal('voicemail')]);
export type RecordingKind = Static<typeof RecordingKindSchema>;

/** Telnyx finished a recording; its URL is short-lived. */
export const RecordingCompletedSchema = Type.Object({
  callSid: Type.String(),
  recordingSid: Type.String(),
  kind: RecordingKindSchema,
  channels: Type.Integer({ minimum: 1 }),
  durationSec: Type.Integer({ minimum: 0 }),
  /** Telnyx's URL (expires about 10 minutes after the call). */
  sourceUrl: Type.String(),
  source: Nullable(Type.String()),
});

/** The audio was copied into our own storage. */
export const RecordingStoredSchema = Type.Object({
  callSid: Type.String(),
  recordingSid: Type.String(),
  storageKey: Type.String(),
  contentType: Type.String(),
  sizeBytes: Type.Integer({ minimum: 0 }),
  sha256: Type.String({ pattern: '^[0-9a-f]{64}$' }),
});

/** Copying gave up (e.g. Telnyx's URL had already expired). */
export const RecordingCopyFailedSchema = Type.Object({
  callSid: Type.String(),
  recordingSid: Type.String(),
  attempts: Type.Integer({ minimum: 1 }),
  message: Type.String(),
});

/** Our copy of the audio was deleted (e.g. older than RECORDING_RETENTION_DAYS); what it was stays on record. */
export const RecordingPurgedSchema = Type.Object({
  callSid: Type.String(),
  recordingSid: Type.String(),
  storageKey: Type.String(),
  sizeBytes: Type.Integer({ minimum: 0 }),
  sha256: Type.String({ pattern: '^[0-9a-f]{64}$' }),
  reason: Type.Literal('retention'),
  retentionDays: Type.Integer({ minimum: 1 }),
  purgedAt: Type.String(),
});

export const CallEventSchemas = {
  CallRouted: CallRoutedSchema,
  CallRefused: CallRefusedSchema,
  CallStatusChanged: CallStatusChangedSchema,
  DialCompleted: DialCompletedSchema,
  RecordingCompleted: RecordingCompletedSchema,
  RecordingStored: RecordingStoredSchema,
  RecordingCopyFailed: RecordingCopyFailedSchema,
  RecordingPurged: RecordingPurgedSchema,
} as const;

type Schemas = typeof CallEventSchemas;
export type CallEventType = keyof Schemas;
export type CallEvent = { [K in CallEventType]: { type: K; data: Static<Schemas[K]> } }[CallEventType];
export type CallEventData<K extends CallEventType> = Static<Schemas[K]>;

export const isCallEventType = (type: string): type is CallEventType => Object.hasOwn(CallEventSchemas, type);
