import { Type, type Static } from '@sinclair/typebox';
import { MemberRoleSchema } from '../events/account-events';
import { OperatorRoleSchema } from '../events/platform-events';

/**
 * Who is signed in (`GET /api/auth/me`, and the answer to `POST /api/auth/login`): the backend
 * validates its responses against this schema and the web app reads them through its `Static` type.
 * An agency's member comes with their agency; a platform operator belongs to none (`account: null`).
 */
const userFields = { id: Type.String(), email: Type.String(), displayName: Type.String() };

export const SignedInMemberSchema = Type.Object({
  user: Type.Object({ ...userFields, role: MemberRoleSchema }),
  account: Type.Object({ id: Type.String(), name: Type.String() }),
});
export type SignedInMember = Static<typeof SignedInMemberSchema>;

export const SignedInOperatorSchema = Type.Object({
  user: Type.Object({ ...userFields, role: OperatorRoleSchema }),
  account: Type.Null(),
});
export type SignedInOperator = Static<typeof SignedInOperatorSchema>;

export const SignedInUserSchema = Type.Union([SignedInMemberSchema, SignedInOperatorSchema]);
export type SignedInUser = Static<typeof SignedInUserSchema>;

/** `POST /api/auth/password`: a signed-in member changes their own password. */
export const ChangePasswordBodySchema = Type.Object(
  {
    currentPassword: Type.String({ minLength: 1, maxLength: 256 }),
    newPassword: Type.String({ minLength: 1, maxLength: 256 }),
  },
  { additionalProperties: false },
);
export type ChangePasswordBody = Static<typeof ChangePasswordBodySchema>;
