import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { MikroORM } from '@mikro-orm/core';
import { MEMBER_ROLES, OPERATOR_ROLE } from '@curbe-voice/contracts';
import { SignedInUserSchema, type SignedInUser } from '@curbe-voice/contracts/api/auth';
import { UserLoginViewEntity } from '@curbe-voice/projections/read-models/users';
import type { AccountRegistry } from '../accounts';
import { normaliseEmail } from '../accounts';
import type { PlatformOperators } from '../operators';
import { AttemptLimiter } from '../../platform/http/attempt-limiter';
import { minutesToWait, tooManyAttempts } from '../../platform/http/too-many-attempts';
import { unknownUserHash, verifyPassword } from './password-hash';
import { sessionCookie } from '../../platform/sessions/session-cookie';
import type { SessionCodec } from '../../platform/sessions/session-token';
import { actorOf, isOperator, requireSignedIn, type SessionPrincipal } from '../../platform/sessions/session-user';
import { MAX_PASSWORD_LENGTH } from './user-password-decider';
import type { UserPasswords } from './user-passwords';
import type { ProjectionProgress } from '../../platform/projection-progress/projection-progress';

const LoginBody = Type.Object(
  {
    email: Type.String({ minLength: 1, maxLength: 320 }),
    password: Type.String({ minLength: 1, maxLength: MAX_PASSWORD_LENGTH }),
  },
  { additionalProperties: false },
);

const ErrorResponse = Type.Object({ statusCode: Type.Integer(), error: Type.String(), message: Type.String() });

/** Failed sign-ins allowed per client address and email before the pair must wait. */
export const LOGIN_FAILURE_LIMIT = { limit: 5, windowMs: 15 * 60_000 } as const;
const WRONG_CREDENTIALS = 'The email or password is not correct';

export interface AuthRouteDeps {
  sessions: SessionCodec;
  accounts: AccountRegistry;
  operators: PlatformOperators;
  readModels: MikroORM;
  passwords: UserPasswords;
  projections: Pick<ProjectionProgress, 'waitFor'>;
  config: { publicUrl: string };
}

/** Signing in and out, and who is signed in. */
export const authRoutes: FastifyPluginAsyncTypebox<{ deps: AuthRouteDeps }> = async (app, { deps }) => {
  const cookie = sessionCookie(deps.config.publicUrl);
  const failures = new AttemptLimiter(LOGIN_FAILURE_LIMIT);
  // Computed now, so that the first unknown email does not take longer than later ones.
  await unknownUserHash();

  const describe = (user: SessionPrincipal) => describeSignedIn(deps, user);

  app.post(
    '/api/auth/login',
    { schema: { body: LoginBody, response: { 200: SignedInUserSchema, 401: ErrorResponse, 429: ErrorResponse } } },
    async (request, reply) => {
      const email = normaliseEmail(request.body.email);
      const throttleKey = `${request.ip}|${email}`;
      // Counted before the (async) password check, synchronously: N guesses sent at once count as N,
      // and those beyond the limit are refused without being checked. Success forgets them.
      const allowed = failures.hit(throttleKey);
      if (!allowed.allowed) {
        return tooManyAttempts(
          reply,
          allowed,
          `Too many failed sign-ins. Try again in ${minutesToWait(allowed)} minutes.`,
        );
      }
      const user = await checkCredentials(deps.readModels, email, request.body.password);
      // The member as the session will carry them, with the session version it must still match.
      if (!user) {
        request.log.info({ reason: 'wrong credentials' }, 'sign-in refused');
        return reply.code(401).send({ statusCode: 401, error: 'Unauthorized', message: WRONG_CREDENTIALS });
      }
      failures.reset(throttleKey);
      const me = await describe(user.user);
      if (!me) return reply.code(401).send({ statusCode: 401, error: 'Unauthorized', message: WRONG_CREDENTIALS });
      const now = Math.floor(Date.now() / 1000);
      const session = deps.sessions.issue(user.user, now, user.sessionVersion);
      cookie.set(reply, session.value, session.claims, now);
      const accountId = isOperator(user.user) ? null : user.user.accountId;
      request.log.info({ userId: user.user.userId, accountId, role: user.user.role }, 'signed in');
      reply.header('cache-control', 'no-store');
      return me;
    },
  );

  app.post('/api/auth/logout', async (request, reply) => {
    // Ends the session on the server too: a copy of the cookie is refused from now on, on every
    // instance, once the read model has the sign-out (awaited here).
    const user = requireSignedIn(request);
    const position = await deps.passwords.signOut(user.userId, { actor: actorOf(request), correlationId: request.id });
    if (position) await deps.projections.waitFor(position);
    request.log.info({ userId: user.userId }, 'signed out');
    cookie.clear(reply);
    return reply.code(204).send();
  });

  app.get(
    '/api/auth/me',
    { schema: { response: { 200: SignedInUserSchema, 401: ErrorResponse } } },
    async (request, reply) => {
      const me = await describe(requireSignedIn(request));
      reply.header('cache-control', 'no-store');
      if (!me) {
        cookie.clear(reply);
        return reply.code(401).send({ statusCode: 401, error: 'Unauthorized', message: 'Sign in first' });
      }
      return me;
    },
  );
};

/** The user these credentials sign in, or null; an unknown email costs as much time as a wrong password. */
async function checkCredentials(
  readModels: MikroORM,
  email: string,
  password: string,
): Promise<{ user: SessionPrincipal; sessionVersion: number } | null> {
  const row = await readModels.em.fork().findOne(UserLoginViewEntity, { email });
  const verified = await verifyPassword(password, row?.passwordHash ?? (await unknownUserHash()));
  // A disabled member gets the same answer as a wrong password: nothing tells them apart.
  if (!row || !verified || row.disabled) return null;
  const who = { userId: row.userId, email: row.email, displayName: row.displayName };
  // A member always has an agency and an operator never: a row that says otherwise signs nobody in.
  const role = MEMBER_ROLES.find((known) => known === row.role);
  if (role && row.accountId !== null)
    return { user: { ...who, accountId: row.accountId, role }, sessionVersion: row.sessionVersion };
  if (row.role === OPERATOR_ROLE && row.accountId === null)
    return { user: { ...who, role: OPERATOR_ROLE }, sessionVersion: row.sessionVersion };
  return null;
}

/** The signed-in user with their agency's name; null when their agency (or the platform) no longer lists them. */
async function describeSignedIn(
  deps: Pick<AuthRouteDeps, 'accounts' | 'operators'>,
  user: SessionPrincipal,
): Promise<SignedInUser | null> {
  if (isOperator(user)) {
    const operator = await deps.operators.get(user.userId);
    if (!operator) return null;
    const { userId: id, email, displayName } = operator;
    return { user: { id, email, displayName, role: OPERATOR_ROLE }, account: null };
  }
  const account = await deps.accounts.get(user.accountId);
  const member = account?.members.find((m) => m.userId === user.userId);
  if (!account || !member) return null;
  return {
    user: { id: member.userId, email: member.email, displayName: member.displayName, role: member.role },
    account: { id: account.accountId, name: account.name },
  };
}
