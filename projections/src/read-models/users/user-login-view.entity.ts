import { EntitySchema } from '@mikro-orm/core';

/**
 * One row per account member and per platform operator, keyed for sign-in: the email finds the user,
 * the password hash checks the password, and the rest says who signs in. `passwordHash` is null until
 * a password is set.
 */
export interface UserLoginView {
  userId: string;
  /** Lower-case, as the account registry stores it. */
  email: string;
  /** The member's agency; null for a platform operator, who belongs to none. */
  accountId: string | null;
  /** `admin` | `agent` | `auditor`, or `operator`. */
  role: string;
  displayName: string;
  passwordHash: string | null;
  /**
   * Counts what ended the member's sessions (a changed password, a sign-out, a new role, being
   * disabled): a session cookie carries the count it was issued with and is refused once they differ.
   */
  sessionVersion: number;
  /** A disabled member cannot sign in. */
  disabled: boolean;
}

export const UserLoginViewEntity = new EntitySchema<UserLoginView>({
  name: 'UserLoginView',
  tableName: 'user_login_view',
  properties: {
    userId: { type: 'string', length: 64, primary: true },
    email: { type: 'string', length: 320, unique: true },
    accountId: { type: 'string', length: 64, index: true, nullable: true },
    role: { type: 'string', length: 20 },
    displayName: { type: 'string', length: 200 },
    passwordHash: { type: 'string', length: 300, nullable: true },
    sessionVersion: { type: 'integer', default: 0 },
    disabled: { type: 'boolean', default: false },
  },
});
