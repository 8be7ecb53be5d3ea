import { Type, type Static } from '@sinclair/typebox';
import { MemberRoleSchema } from '../events/account-events';

/**
 * Who is signed in (`GET /api/auth/me`, and the answer to `POST /api/auth/login`): the backend
 * validates its responses against this schema and the web app reads them through its `Static` type.
 */
export const SignedInUserSchema = Type.Object({
  user: Type.Object({
    id: Type.String(),
    email: Type.String(),
    displayName: Type.String(),
    role: MemberRoleSchema,
  }),
  account: Type.Object({ id: Type.String(), name: Type.String() }),
});
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
