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
