import { Type, type Static } from '@sinclair/typebox';

/**
 * Events of the `account-{accountId}` stream: who the account is (registration, members) and the
 * activation of its Telnyx voice setup, one event per provisioning step with the Telnyx resource id.
 * Secrets appear only as `SealedSecret` (AES-256-GCM ciphertext with the id of the key that sealed it).
 */

export const accountStreamName = (accountId: string): string => `account-${accountId}`;
export const ACCOUNT_STREAM_PREFIX = 'account-';

export const SealedSecretSchema = Type.Object({
  keyId: Type.String({ minLength: 1 }),
  iv: Type.String({ minLength: 1 }),
  ciphertext: Type.String(),
  tag: Type.String({ minLength: 1 }),
});
export type SealedSecret = Static<typeof SealedSecretSchema>;

/** `admin` runs the agency's phone service and team, `agent` uses the phone, `auditor` reads the audit trail. */
export const MemberRoleSchema = Type.Union([Type.Literal('admin'), Type.Literal('agent'), Type.Literal('auditor')]);
export const MEMBER_ROLES = ['admin', 'agent', 'auditor'] as const satisfies readonly MemberRole[];
export type MemberRole = Static<typeof MemberRoleSchema>;

/** The provisioning steps, in the order the activation runs them. */
export const ACTIVATION_STEPS = [
  'outbound_voice_profile',
  'texml_application',
  'credential_connection',
  'agent_credentials',
  'number_attachment',
] as const;
export const ActivationStepSchema = Type.Union(ACTIVATION_STEPS.map((step) => Type.Literal(step)));
export type ActivationStep = Static<typeof ActivationStepSchema>;

export const AccountRegisteredSchema = Type.Object({
  accountId: Type.String(),
  name: Type.String({ minLength: 1 }),
  /** The Telnyx managed account that holds this account's resources. */
  telnyxAccountId: Type.String(),
  /** The managed account's own Telnyx API key. */
  apiKey: SealedSecretSchema,
});

export const AgentAddedSchema = Type.Object({
  accountId: Type.String(),
  userId: Type.String(),
  email: Type.String(),
  displayName: Type.String(),
  role: MemberRoleSchema,
});

/**
 * A member left the account (the name predates admins and auditors being removed too): their Telnyx
 * telephony credential, if they had one, was deleted and their per-agent data key destroyed, so the
 * SIP password sealed under it can never be opened again.
 */
export const AgentRemovedSchema = Type.Object({
  accountId: Type.String(),
  userId: Type.String(),
  email: Type.String(),
  /** The Telnyx telephony credential deleted with the member; null when they never had one. */
  credentialId: Type.Union([Type.String(), Type.Null()]),
  /** True once the member's data key is gone (their sealed secrets are unrecoverable). */
  secretsShredded: Type.Boolean(),
  /** The role they had; absent in events from when only agents could be removed. */
  role: Type.Optional(MemberRoleSchema),
});

/**
 * An admin gave a member another role. Their sessions end (a session carries the role it began with).
 * `credentialId` is the member's Telnyx telephony credential, if activation gave them one: it is kept
 * while they are not an agent, and rings them again if they become one.
 */
export const MemberRoleChangedSchema = Type.Object({
  accountId: Type.String(),
  userId: Type.String(),
  role: MemberRoleSchema,
  previousRole: MemberRoleSchema,
  credentialId: Type.Union([Type.String(), Type.Null()]),
});

/** An admin disabled a member: they cannot sign in, their sessions end, and calls to their numbers go to voicemail. */
export const MemberDisabledSchema = Type.Object({
  accountId: Type.String(),
  userId: Type.String(),
});

/** A disabled member may sign in again (with the password they had) and their numbers ring them again. */
export const MemberEnabledSchema = Type.Object({
  accountId: Type.String(),
  userId: Type.String(),
});

/**
 * A public key Telnyx signs this account's webhooks with (base64 of the raw 32-byte Ed25519 key, from
 * the managed account's portal). At most two are held, so a rotation loses no webhook.
 */
export const WebhookPublicKeyAddedSchema = Type.Object({
  accountId: Type.String(),
  publicKey: Type.String({ minLength: 1 }),
});

/** A webhook public key no longer accepted for this account (rotated out). */
export const WebhookPublicKeyRetiredSchema = Type.Object({
  accountId: Type.String(),
  publicKey: Type.String({ minLength: 1 }),
});

export const ActivationRequestedSchema = Type.Object({
  accountId: Type.String(),
  /** 1 for the first request; each retry after a failure counts up. */
  attempt: Type.Integer({ minimum: 1 }),
});

/** `adopted` is true when the resource already existed at Telnyx (an earlier run created it but never recorded it). */
export const OutboundVoiceProfileCreatedSchema = Type.Object({
  accountId: Type.String(),
  outboundVoiceProfileId: Type.String(),
  name: Type.String(),
  dailySpendLimit: Type.String(),
  whitelistedDestinations: Type.Array(Type.String()),
  adopted: Type.Boolean(),
});

export const TexmlApplicationCreatedSchema = Type.Object({
  accountId: Type.String(),
  texmlApplicationId: Type.String(),
  friendlyName: Type.String(),
  voiceUrl: Type.String(),
  statusCallbackUrl: Type.String(),
  outboundVoiceProfileId: Type.String(),
  adopted: Type.Boolean(),
});

export const CredentialConnectionCreatedSchema = Type.Object({
  accountId: Type.String(),
  credentialConnectionId: Type.String(),
  connectionName: Type.String(),
  webhookEventUrl: Type.String(),
  outboundVoiceProfileId: Type.String(),
  adopted: Type.Boolean(),
  /** Set when we created the connection; absent for an adopted one (and in events older than the field). */
  sipUriCallingPreference: Type.Optional(Type.String()),
});

/**
 * The web phone connection's SIP URI calling was set (PATCH at Telnyx): a connection adopted or created
 * without it keeps Telnyx's default `disabled`, and then the TeXML application cannot ring any agent.
 */
export const SipUriCallingPreferenceSetSchema = Type.Object({
  accountId: Type.String(),
  credentialConnectionId: Type.String(),
  sipUriCallingPreference: Type.String(),
});

export const NumberAttachedSchema = Type.Object({
  accountId: Type.String(),
  phoneNumberId: Type.String(),
  phoneNumber: Type.String(),
  /** The TeXML application the number now routes to. */
  connectionId: Type.String(),
});

export const ActivationCompletedSchema = Type.Object({
  accountId: Type.String(),
  attempt: Type.Integer({ minimum: 1 }),
});

export const TelnyxErrorDetailSchema = Type.Object({
  code: Type.Optional(Type.Union([Type.String(), Type.Number()])),
  title: Type.Optional(Type.String()),
  detail: Type.Optional(Type.String()),
  source: Type.Optional(
    Type.Object({ pointer: Type.Optional(Type.String()), parameter: Type.Optional(Type.String()) }),
  ),
});
export type TelnyxErrorDetail = Static<typeof TelnyxErrorDetailSchema>;

export const ActivationFailedSchema = Type.Object({
  accountId: Type.String(),
  attempt: Type.Integer({ minimum: 1 }),
  step: ActivationStepSchema,
  /** HTTP status Telnyx answered with; absent when Telnyx could not be reached. */
  status: Type.Optional(Type.Integer()),
  errors: Type.Array(TelnyxErrorDetailSchema),
  message: Type.String(),
  /** True when the step gave up on a temporary problem (retrying later may succeed unchanged). */
  transient: Type.Boolean(),
});

export const AccountEventSchemas = {
  AccountRegistered: AccountRegisteredSchema,
  AgentAdded: AgentAddedSchema,
  AgentRemoved: AgentRemovedSchema,
  MemberRoleChanged: MemberRoleChangedSchema,
  MemberDisabled: MemberDisabledSchema,
  MemberEnabled: MemberEnabledSchema,
  WebhookPublicKeyAdded: WebhookPublicKeyAddedSchema,
  WebhookPublicKeyRetired: WebhookPublicKeyRetiredSchema,
  ActivationRequested: ActivationRequestedSchema,
  OutboundVoiceProfileCreated: OutboundVoiceProfileCreatedSchema,
  TexmlApplicationCreated: TexmlApplicationCreatedSchema,
  CredentialConnectionCreated: CredentialConnectionCreatedSchema,
  SipUriCallingPreferenceSet: SipUriCallingPreferenceSetSchema,
  NumberAttached: NumberAttachedSchema,
  ActivationCompleted: ActivationCompletedSchema,
  ActivationFailed: ActivationFailedSchema,
} as const;

type Schemas = typeof AccountEventSchemas;
export type AccountEventType = keyof Schemas;
/** Discriminated union of the account stream's events, as `{ type, data }`. */
export type AccountEvent = { [K in AccountEventType]: { type: K; data: Static<Schemas[K]> } }[AccountEventType];
export type AccountEventData<K extends AccountEventType> = Static<Schemas[K]>;

export const isAccountEventType = (type: string): type is AccountEventType => Object.hasOwn(AccountEventSchemas, type);
