import type { MikroORM } from '@mikro-orm/core';
import { UserLoginViewEntity } from '@curbe-voice/projections/read-models/users';
import type { SessionClaims } from './session-token';
import { isOperator } from './session-user';

/**
 * Whether a genuine cookie's session still stands, from the users' read model that every instance
 * shares: the member (or operator) is still there (not removed), with the same account (none for an
 * operator) and role, and their session version has not moved on (no sign-out, new password or new
 * role since the cookie was issued). One primary-key read per request.
 */
export async function sessionStillStands(readModels: MikroORM, claims: SessionClaims): Promise<boolean> {
  const row = await readModels.em
    .fork()
    .findOne(UserLoginViewEntity, { userId: claims.user.userId }, { fields: ['accountId', 'role', 'sessionVersion'] });
  return (
    row !== null &&
    row.accountId === (isOperator(claims.user) ? null : claims.user.accountId) &&
    row.role === claims.user.role &&
    row.sessionVersion === claims.version
  );
}
