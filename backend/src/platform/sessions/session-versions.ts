import type { MikroORM } from '@mikro-orm/core';
import { UserLoginViewEntity } from '@curbe-voice/projections/read-models/users';
import type { SessionClaims } from './session-token';

/**
 * Whether a genuine cookie's session still stands, from the members' read model that every instance
 * shares: the member is still there (not removed) and not disabled, with the same account and role,
 * and their session version has not moved on (no sign-out, new password, new role or disabling since
 * the cookie was issued). One primary-key read per request.
 */
export async function sessionStillStands(readModels: MikroORM, claims: SessionClaims): Promise<boolean> {
  const row = await readModels.em
    .fork()
    .findOne(
      UserLoginViewEntity,
      { userId: claims.user.userId },
      { fields: ['accountId', 'role', 'sessionVersion', 'disabled'] },
    );
  return (
    row !== null &&
    row.accountId === claims.user.accountId &&
    row.role === claims.user.role &&
    row.sessionVersion === claims.version &&
    !row.disabled
  );
}
