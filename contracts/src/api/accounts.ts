import { Type, type Static } from '@sinclair/typebox';
import { MemberRoleSchema } from '../events/account-events';

/**
 * The members API's answer (`GET /api/accounts/:id/members`): the backend validates its response
 * against this schema and the web app reads it through its `Static` type.
 */

/** A member as the account's own people may see them: who they are and what rings them, no secret. */
export const AccountMemberSchema = Type.Object({
  userId: Type.String(),
  email: Type.String(),
  displayName: Type.String(),
  role: MemberRoleSchema,
  /** The agent's SIP identity once their credential exists; null before that and for auditors. */
  sipUsername: Type.Union([Type.String(), Type.Null()]),
  /** The account's active numbers that ring this member, in E.164. */
  numbers: Type.Array(Type.String()),
});
export type AccountMember = Static<typeof AccountMemberSchema>;

/**
 * `GET|POST /api/accounts/:id/webhook-keys`: the Telnyx account the agency's webhooks name, and the
 * public keys (from that account's portal, Keys & Credentials) they are verified with — two during a rotation.
 */
export const WebhookKeysSchema = Type.Object({
  telnyxAccountId: Type.String(),
  publicKeys: Type.Array(Type.String()),
});
export type WebhookKeys = Static<typeof WebhookKeysSchema>;

export const AddWebhookKeyBodySchema = Type.Object({
  /** Base64 of the raw 32-byte Ed25519 key, as the portal shows it. */
  publicKey: Type.String({ minLength: 1, maxLength: 200 }),
});
