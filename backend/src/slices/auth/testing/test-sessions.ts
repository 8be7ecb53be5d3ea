import { randomBytes } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/core';
import type { AccountState } from '../../accounts/account-state';
import { CSRF_HEADER } from '../../../platform/sessions/csrf';
import { sessionCookie } from '../../../platform/sessions/session-cookie';
import type { SessionPluginDeps } from '../../../platform/sessions/session-plugin';
import { SessionCodec } from '../../../platform/sessions/session-token';
import type { SessionUser } from '../../../platform/sessions/session-user';

/**
 * Real session cookies for route tests that build their own Fastify instance: register
 * `sessionPlugin` with `deps`, then send `headersOf(user)` as that member's browser would.
 */
export interface TestSessions {
  /** For `sessionPlugin`, with the read models that hold the members' session versions (`usersProjector`). */
  deps(readModels: MikroORM): SessionPluginDeps;
  /** The member's signed session cookie plus the anti-forgery header. */
  headersOf(user: SessionUser): Record<string, string>;
  /** The session user of an account member, by user id. */
  memberOf(account: AccountState, userId: string): SessionUser;
}

export function createTestSessions(publicUrl = 'http://127.0.0.1'): TestSessions {
  const sessions = new SessionCodec([randomBytes(32)]);
  const cookie = sessionCookie(publicUrl);
  return {
    deps: (readModels) => ({ sessions, config: { publicUrl }, readModels }),
    headersOf(user) {
      // A member nobody signed out and whose password never changed is at session version 0.
      const { value } = sessions.issue(user, Math.floor(Date.now() / 1000), 0);
      return { cookie: `${cookie.name}=${value}`, [CSRF_HEADER]: '1' };
    },
    memberOf(account, userId) {
      const member = account.members.find((m) => m.userId === userId);
      if (!member) throw new Error(`${userId} is not a member of ${account.name}`);
      return {
        userId,
        accountId: account.accountId,
        role: member.role,
        email: member.email,
        displayName: member.displayName,
      };
    },
  };
}
