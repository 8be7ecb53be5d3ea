import { Type } from '@sinclair/typebox';
import type { SlicePlugin } from '../../platform/http/slice-plugin';
import { MAX_PASSWORD_LENGTH } from './user-password-decider';
import type { UserPasswords } from './user-passwords';

const SetPasswordBody = Type.Object(
  {
    userId: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9-]+$' }),
    token: Type.String({ minLength: 16, maxLength: 128, pattern: '^[A-Za-z0-9_-]+$' }),
    password: Type.String({ minLength: 1, maxLength: MAX_PASSWORD_LENGTH }),
  },
  { additionalProperties: false },
);

export interface PasswordLinkRouteDeps {
  passwords: UserPasswords;
}

/**
 * `POST /api/auth/set-password`: a new member (or one whose admin sent a fresh link) chooses a password
 * with the one-time link's token. Anonymous by nature; an unknown, used or expired link answers 410.
 */
export const passwordLinkRoutes: SlicePlugin<PasswordLinkRouteDeps> = async (app, { deps }) => {
  app.post('/api/auth/set-password', { schema: { body: SetPasswordBody } }, async (request, reply) => {
    const { userId, token, password } = request.body;
    await deps.passwords.setPasswordWithLink(userId, token, password, {
      actor: `user:${userId}`,
      correlationId: request.id,
    });
    request.log.info({ userId }, 'password set with a link');
    return reply.code(204).send();
  });
};
