import { Type, type Static } from '@sinclair/typebox';

/**
 * Events of the `user-{userId}` stream: what a member needs to sign in. Who the member is (email,
 * role, account) stays on the account stream; this stream holds the password's scrypt hash (never
 * the password itself) and the sign-outs that end the member's sessions.
 */

export const userStreamName = (userId: string): string => `user-${userId}`;
export const USER_STREAM_PREFIX = 'user-';

export const PasswordSetSchema = Type.Object({
  userId: Type.String(),
  /** `$scrypt$ln=…,r=…,p=…$salt$hash` (base64): the parameters travel with the hash so they can be raised later. */
  passwordHash: Type.String({ minLength: 1 }),
});

/** A one-time link to set the password was handed out; only its SHA-256 travels in the event. */
export const PasswordLinkIssuedSchema = Type.Object({
  userId: Type.String(),
  /** Hex SHA-256 of the link's secret token. */
  tokenHash: Type.String({ pattern: '^[0-9a-f]{64}$' }),
  expiresAt: Type.String({ format: 'date-time' }),
});

/** The member signed out: every session cookie issued to them before this is no longer accepted. */
export const SignedOutSchema = Type.Object({
  userId: Type.String(),
});

export const UserEventSchemas = {
  PasswordSet: PasswordSetSchema,
  PasswordLinkIssued: PasswordLinkIssuedSchema,
  SignedOut: SignedOutSchema,
} as const;

type Schemas = typeof UserEventSchemas;
export type UserEventType = keyof Schemas;
export type UserEvent = { [K in UserEventType]: { type: K; data: Static<Schemas[K]> } }[UserEventType];
export type UserEventData<K extends UserEventType> = Static<Schemas[K]>;

export const isUserEventType = (type: string): type is UserEventType => Object.hasOwn(UserEventSchemas, type);
