import { Type } from '@sinclair/typebox';
import type { MikroORM } from '@mikro-orm/core';
import { ChangePasswordBodySchema } from '@curbe-voice/contracts/api/auth';
import { UserLoginViewEntity } from '@curbe-voice/projections/read-models/users';
import type { SlicePlugin } from '../../platform/http/slice-plugin';
import { AttemptLimiter } from '../../platform/http/attempt-limiter';
import { minutesToWait, tooManyAttempts } from '../../platform/http/too-many-attempts';
import type { ProjectionProgress } from '../../platform/projection-progress/projection-progress';
import { sessionCookie } from '../../platform/sessions/session-cookie';
import type { SessionCodec } from '../../platform/sessions/session-token';
import { actorOf, requireUser } from '../../platform/sessions/session-user';
import { CurrentPasswordWrong } from './user-password-decider';
import type { UserPasswords } from './user-passwords';

const ErrorResponse = Type.Object({ statusCode: Type.Integer(), error: Type.String(), message: Type.String() });

/** Wrong current passwords allowed per member before they must wait: the same cap as sign-in. */
export const PASSWORD_CHANGE_FAILURE_LIMIT = { limit: 5, windowMs: 15 * 60_000 } as const;

export interface PasswordChangeRouteDeps {
  sessions: SessionCodec;
  readModels: MikroORM;
  passwords: UserPasswords;
  projections: Pick<ProjectionProgress, 'waitFor'>;
  config: { publicUrl: string };
}

/**
 * `POST /api/auth/password`: a signed-in member changes their own password. Every other session of
 * theirs ends (their session version moves on); this one gets a new cookie, so they stay signed in here.
 */
export const passwordChangeRoutes: SlicePlugin<PasswordChangeRouteDeps> = async (app, { deps }) => {
  const cookie = sessionCookie(deps.config.publicUrl);
  const failures = new AttemptLimiter(PASSWORD_CHANGE_FAILURE_LIMIT);

  app.post(
    '/api/auth/password',
    {
      schema: {
        summary: 'Change your password',
        description:
          'Needs the current password. Ends every other session of the member; this session stays signed in with a new cookie.',
        body: ChangePasswordBodySchema,
        response: { 204: Type.Null(), 400: ErrorResponse, 403: ErrorResponse, 409: ErrorResponse, 429: ErrorResponse },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const allowed = failures.check(user.userId);
      if (!allowed.allowed) {
        return tooManyAttempts(
          reply,
          allowed,
          `Too many wrong passwords. Try again in ${minutesToWait(allowed)} minutes.`,
        );
      }
      const { currentPassword, newPassword } = request.body;
      const context = { actor: actorOf(request), correlationId: request.id };
      let position;
      try {
        position = await deps.passwords.changePassword(user.userId, currentPassword, newPassword, context);
      } catch (error) {
        if (!(error instanceof CurrentPasswordWrong)) throw error;
        failures.hit(user.userId);
        request.log.info({ userId: user.userId, reason: 'wrong current password' }, 'password change refused');
        return reply.code(403).send({ statusCode: 403, error: 'Forbidden', message: error.message });
      }
      failures.reset(user.userId);
      // Once the read model has the new password, the old cookies are refused; this one is replaced.
      if (position) await deps.projections.waitFor(position);
      const row = await deps.readModels.em.fork().findOne(UserLoginViewEntity, { userId: user.userId });
      if (row) {
        const now = Math.floor(Date.now() / 1000);
        const session = deps.sessions.issue(user, now, row.sessionVersion);
        cookie.set(reply, session.value, session.claims, now);
      }
      request.log.info({ userId: user.userId }, 'password changed');
      return reply.code(204).send(null);
    },
  );
};
