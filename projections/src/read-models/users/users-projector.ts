import {
  ACCOUNT_STREAM_PREFIX,
  OPERATOR_ROLE,
  PLATFORM_STREAM_PREFIX,
  USER_STREAM_PREFIX,
  type AccountEventData,
  type PlatformEventData,
  type UserEventData,
} from '@curbe-voice/contracts';
import type { Projector } from '../../runner/projector';
import { UserLoginViewEntity } from './user-login-view.entity';

/**
 * Builds `user_login_view`: members from `AgentAdded` on the account streams, operators from
 * `PlatformOperatorAdded` on the platform stream, password hashes from `PasswordSet` on the user
 * streams, and each user's session version (see `UserLoginView`). A user is always added before a
 * password is set for them (the order of `$all`), so a hash without a user is skipped.
 */
export const usersProjector: Projector = {
  name: 'users',
  // 2: sessionVersion.
  version: 2,
  entities: [UserLoginViewEntity],
  filter: { streamNamePrefixes: [ACCOUNT_STREAM_PREFIX, PLATFORM_STREAM_PREFIX, USER_STREAM_PREFIX] },
  async apply(event, em) {
    if (event.type === 'AgentAdded') {
      const d = event.data as AccountEventData<'AgentAdded'>;
      em.create(UserLoginViewEntity, {
        userId: d.userId,
        email: d.email,
        accountId: d.accountId,
        role: d.role,
        displayName: d.displayName,
        passwordHash: null,
        sessionVersion: 0,
      });
    } else if (event.type === 'PlatformOperatorAdded') {
      const d = event.data as PlatformEventData<'PlatformOperatorAdded'>;
      em.create(UserLoginViewEntity, {
        userId: d.userId,
        email: d.email,
        accountId: null,
        role: OPERATOR_ROLE,
        displayName: d.displayName,
        passwordHash: null,
        sessionVersion: 0,
      });
    } else if (event.type === 'AgentRemoved') {
      // A removed member can no longer sign in.
      await em.nativeDelete(UserLoginViewEntity, { userId: (event.data as AccountEventData<'AgentRemoved'>).userId });
    } else if (event.type === 'PasswordSet') {
      const d = event.data as UserEventData<'PasswordSet'>;
      const row = await em.findOne(UserLoginViewEntity, { userId: d.userId });
      if (!row) return;
      // A new password ends the sessions signed in with the old one; the first one ends nothing.
      if (row.passwordHash !== null && row.passwordHash !== d.passwordHash) row.sessionVersion += 1;
      row.passwordHash = d.passwordHash;
    } else if (event.type === 'SignedOut') {
      const row = await em.findOne(UserLoginViewEntity, { userId: (event.data as UserEventData<'SignedOut'>).userId });
      if (row) row.sessionVersion += 1;
    }
  },
};
