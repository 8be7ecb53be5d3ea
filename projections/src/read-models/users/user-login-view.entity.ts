import { EntitySchema } from '@mikro-orm/core';

/**
 * One row per account member, keyed for sign-in: the email finds the user, the password hash checks
 * the password, and the rest says who signs in. `passwordHash` is null until a password is set.
 */
export interface UserLoginView {
  userId: string;
  /** Lower-case, as the account registry stores it. */
  email: string;
  accountId: string;
  /** `agent` | `auditor`. */
  role: string;
  displayName: string;
  passwordHash: string | null;
}

export const UserLoginViewEntity = new EntitySchema<UserLoginView>({
  name: 'UserLoginView',
  tableName: 'user_login_view',
  properties: {
    userId: { type: 'string', length: 64, primary: true },
    email: { type: 'string', length: 320, unique: true },
    accountId: { type: 'string', length: 64, index: true },
    role: { type: 'string', length: 20 },
    displayName: { type: 'string', length: 200 },
    passwordHash: { type: 'string', length: 300, nullable: true },
  },
});
