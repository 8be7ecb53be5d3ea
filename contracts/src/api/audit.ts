import { Type, type Static } from '@sinclair/typebox';

/**
 * The audit API's answers (`/api/audit/accounts/:id/…`): the backend validates its responses
 * against these schemas and the web app reads them through their `Static` types.
 */

const NullableString = Type.Union([Type.String(), Type.Null()]);

/** One event as the audit trail shows it: who, when, why, and the data without its secrets. */
export const AuditEntrySchema = Type.Object({
  position: Type.String(),
  stream: Type.String(),
  revision: Type.Integer(),
  type: Type.String(),
  actor: Type.String(),
  occurredAt: Type.String(),
  correlationId: Type.String(),
  causationId: NullableString,
  hash: NullableString,
  data: Type.Unknown(),
});
export type AuditEntry = Static<typeof AuditEntrySchema>;

/** An account's telephony setup as it stood at one moment. */
export const AccountSetupSchema = Type.Object({
  accountId: Type.String(),
  name: Type.String(),
  telnyxAccountId: Type.String(),
  activation: Type.Object({
    status: Type.String(),
    attempt: Type.Integer(),
    outboundVoiceProfileId: NullableString,
    texmlApplicationId: NullableString,
    credentialConnectionId: NullableString,
    lastFailure: Type.Union([Type.Object({ step: Type.String(), message: Type.String() }), Type.Null()]),
  }),
  agents: Type.Array(
    Type.Object({
      userId: Type.String(),
      email: Type.String(),
      displayName: Type.String(),
      role: Type.String(),
      credentialId: NullableString,
      sipUsername: NullableString,
    }),
  ),
  numbers: Type.Array(
    Type.Object({
      phoneNumber: Type.String(),
      phoneNumberId: NullableString,
      status: Type.String(),
      texmlApplicationId: NullableString,
      agentId: NullableString,
    }),
  ),
});
export type AccountSetup = Static<typeof AccountSetupSchema>;

export const AccountSetupAtSchema = Type.Object({
  accountId: Type.String(),
  at: Type.String(),
  /** How many of the account's events happened at or before `at`. */
  eventsApplied: Type.Integer(),
  /** Null when the account did not exist yet at `at`. */
  setup: Type.Union([AccountSetupSchema, Type.Null()]),
});
export type AccountSetupAt = Static<typeof AccountSetupAtSchema>;

export const StreamVerificationSchema = Type.Object({
  stream: Type.String(),
  events: Type.Integer(),
  intact: Type.Boolean(),
  firstBrokenRevision: Type.Optional(Type.Integer()),
  reason: Type.Optional(Type.String()),
});
export type StreamVerification = Static<typeof StreamVerificationSchema>;

/** The hash chains of every stream of an account, checked. */
export const AccountVerificationSchema = Type.Object({
  accountId: Type.String(),
  intact: Type.Boolean(),
  streams: Type.Array(StreamVerificationSchema),
});
export type AccountVerification = Static<typeof AccountVerificationSchema>;
