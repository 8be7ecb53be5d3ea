import {
  ACCOUNT_STREAM_PREFIX,
  OPERATOR_ROLE,
  PLATFORM_STREAM_PREFIX,
  USER_STREAM_PREFIX,
  type AccountEventData,
  type PlatformEventData,
  type UserEventData,
} from '@curbe-voice/contracts';
import type { EntityManager } from '@mikro-orm/core';
import type { Projector } from '../../runner/projector';
import { UserLoginViewEntity, type UserLoginView } from './user-login-view.entity';

/**
 * Builds `user_login_view`: members from `AgentAdded` on the account streams (with their role and
 * whether they are disabled), operators from `PlatformOperatorAdded` on the platform stream, password
 * hashes from `PasswordSet` on the user streams, and each user's session version (see `UserLoginView`).
 * A user is always added before a password is set for them (the order of `$all`), so a hash without a
 * user has nobody to belong to and is skipped.
 */
export const usersProjector: Projector = {
  name: 'users',
  // 2: sessionVersion. 3: role changes, disabled members, platform operators.
  version: 3,
  entities: [UserLoginViewEntity],
  filter: { streamNamePrefixes: [ACCOUNT_STREAM_PREFIX, PLATFORM_STREAM_PREFIX, USER_STREAM_PREFIX] },
  async apply(event, em) {
    const d = event.data as { userId: string };
    switch (event.type) {
      case 'AgentAdded': {
        const added = event.data as AccountEventData<'AgentAdded'>;
        em.create(UserLoginViewEntity, {
          userId: added.userId,
          email: added.email,
          accountId: added.accountId,
          role: added.role,
          displayName: added.displayName,
          passwordHash: null,
          sessionVersion: 0,
          disabled: false,
        });
        return;
      }
      case 'PlatformOperatorAdded': {
        const operator = event.data as PlatformEventData<'PlatformOperatorAdded'>;
        em.create(UserLoginViewEntity, {
          userId: operator.userId,
          email: operator.email,
          accountId: null,
          role: OPERATOR_ROLE,
          displayName: operator.displayName,
          passwordHash: null,
          sessionVersion: 0,
          disabled: false,
        });
        return;
      }
      case 'AgentRemoved':
        // A removed member can no longer sign in.
        await em.nativeDelete(UserLoginViewEntity, { userId: d.userId });
        return;
      case 'PasswordSet': {
        const { passwordHash } = event.data as UserEventData<'PasswordSet'>;
        // A new password ends the sessions signed in with the old one; the first one ends nothing.
        return change(em, d.userId, (row) => {
          if (row.passwordHash !== null && row.passwordHash !== passwordHash) row.sessionVersion += 1;
          row.passwordHash = passwordHash;
        });
      }
      case 'MemberRoleChanged':
        // The sessions began with the old role: they end (the role is also compared on each request).
        return change(em, d.userId, (row) => {
          row.role = (event.data as AccountEventData<'MemberRoleChanged'>).role;
          row.sessionVersion += 1;
        });
      case 'MemberDisabled':
        return change(em, d.userId, (row) => {
          row.disabled = true;
          row.sessionVersion += 1;
        });
      case 'MemberEnabled':
        return change(em, d.userId, (row) => (row.disabled = false));
      case 'SignedOut':
        return change(em, d.userId, (row) => (row.sessionVersion += 1));
    }
  },
};

async function change(em: EntityManager, userId: string, apply: (row: UserLoginView) => void): Promise<void> {
  const row = await em.findOne(UserLoginViewEntity, { userId });
  if (row) apply(row);
}
