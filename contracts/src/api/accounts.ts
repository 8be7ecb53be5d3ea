import { Type, type Static } from '@sinclair/typebox';
import { MemberRoleSchema } from '../events/account-events';

/**
 * The members API (`/api/accounts/:id/members…`): the backend validates requests and answers against
 * these schemas and the web app reads them through their `Static` types.
 */

/** `disabled`: the member cannot sign in and nothing rings them until an admin enables them again. */
export const MemberStatusSchema = Type.Union([Type.Literal('active'), Type.Literal('disabled')]);
export type MemberStatus = Static<typeof MemberStatusSchema>;

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
  status: MemberStatusSchema,
  /** False until the member chose their password with their set-password link (before that they cannot sign in). */
  joined: Type.Boolean(),
});
export type AccountMember = Static<typeof AccountMemberSchema>;

/** `POST /api/accounts/:id/members`: who joins the agency, and as what. */
export const AddMemberBodySchema = Type.Object(
  {
    email: Type.String({ minLength: 3, maxLength: 320 }),
    displayName: Type.String({ minLength: 1, maxLength: 200 }),
    role: MemberRoleSchema,
  },
  { additionalProperties: false },
);
export type AddMemberBody = Static<typeof AddMemberBodySchema>;

/** `PUT /api/accounts/:id/members/:userId/role`. */
export const ChangeRoleBodySchema = Type.Object({ role: MemberRoleSchema }, { additionalProperties: false });

/**
 * A one-time link for the member to choose their password (72 hours, one use; a newer link replaces
 * it). There is no mail server: the admin hands it over.
 */
export const PasswordLinkSchema = Type.Object({
  url: Type.String(),
  expiresAt: Type.String({ format: 'date-time' }),
});
export type PasswordLink = Static<typeof PasswordLinkSchema>;

/** The answer to adding a member: the member as listed, and their set-password link. */
export const AddedMemberSchema = Type.Object({ ...AccountMemberSchema.properties, passwordLink: PasswordLinkSchema });
export type AddedMember = Static<typeof AddedMemberSchema>;

/** The answer to `POST /api/accounts/:id/members/:userId/password-link`. */
export const FreshPasswordLinkSchema = Type.Object({ userId: Type.String(), passwordLink: PasswordLinkSchema });
export type FreshPasswordLink = Static<typeof FreshPasswordLinkSchema>;

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
