import type { MikroORM } from '@mikro-orm/core';
import { UserLoginViewEntity, type UserLoginView } from '@curbe-voice/projections/read-models/users';
import type { SessionClaims } from './session-token';
import { isOperator } from './session-user';

type StandingRow = Pick<UserLoginView, 'userId' | 'accountId' | 'role' | 'sessionVersion' | 'disabled'>;

const FIELDS = ['userId', 'accountId', 'role', 'sessionVersion', 'disabled'] as const;

/** Whether `claims` still match the member's row (absent: removed). */
function stands(row: StandingRow | null | undefined, claims: SessionClaims): boolean {
  return (
    row !== null &&
    row !== undefined &&
    row.accountId === (isOperator(claims.user) ? null : claims.user.accountId) &&
    row.role === claims.user.role &&
    row.sessionVersion === claims.version &&
    !row.disabled
  );
}

/**
 * Whether a genuine cookie's session still stands, from the users' read model that every instance
 * shares: the member (or operator) is still there (not removed) and not disabled, with the same account
 * (none for an operator) and role, and their session version has not moved on (no sign-out, new
 * password, new role or disabling since the cookie was issued). One primary-key read per request.
 */
export async function sessionStillStands(readModels: MikroORM, claims: SessionClaims): Promise<boolean> {
  const row = await readModels.em
    .fork()
    .findOne(UserLoginViewEntity, { userId: claims.user.userId }, { fields: FIELDS });
  return stands(row, claims);
}

/** The same check for many sessions at once, in one query: which of `sessions` have ended. */
export async function endedSessions(
  readModels: MikroORM,
  sessions: readonly SessionClaims[],
): Promise<SessionClaims[]> {
  if (sessions.length === 0) return [];
  const userIds = [...new Set(sessions.map((claims) => claims.user.userId))];
  const rows = await readModels.em
    .fork()
    .find(UserLoginViewEntity, { userId: { $in: userIds } }, { fields: FIELDS, disableIdentityMap: true });
  const byUser = new Map(rows.map((row) => [row.userId, row]));
  return sessions.filter((claims) => !stands(byUser.get(claims.user.userId), claims));
}
