import fastifyCookie from '@fastify/cookie';
import fastifyPlugin from 'fastify-plugin';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { MikroORM } from '@mikro-orm/core';
import { ANONYMOUS_API_ROUTES } from './access-policy';
import { checkCsrfHeader } from './csrf';
import { sessionCookie } from './session-cookie';
import { SessionCodec } from './session-token';
import { sessionStillStands } from './session-versions';
import { NotSignedInError } from './session-user';

export interface SessionPluginDeps {
  sessions: SessionCodec;
  config: { publicUrl: string };
  /** Holds each member's session version (`user_login_view`). */
  readModels: MikroORM;
}

const isApiPath = (url: string): boolean => url === '/api' || url.startsWith('/api/') || url.startsWith('/api?');

/**
 * The path the router matched (`/api/accounts/:id/…`), not the raw URL: the router decodes the path
 * (`/%61pi/…` reaches `/api/…` routes), so a guard on the raw URL could be stepped around. A request
 * that matched no route changes nothing; its raw URL decides only whether it gets 401 or 404.
 */
const guardedPath = (request: FastifyRequest): string => request.routeOptions.url ?? request.url;

const isAnonymousRoute = (request: FastifyRequest): boolean =>
  ANONYMOUS_API_ROUTES.has(`${request.method} ${request.routeOptions.url ?? ''}`);

const nowInSeconds = (): number => Math.floor(Date.now() / 1000);

/**
 * For every request of the whole app (not encapsulated): reads the session cookie into
 * `request.sessionUser` (null when absent, altered, expired or ended: see `sessionStillStands`), re-issues it when due (sliding
 * expiry), and guards the API: anonymous requests get 401 on every `/api` route but sign-in, and
 * state changes without the anti-forgery header get 403.
 */
const plugin: FastifyPluginAsync<{ deps: SessionPluginDeps }> = async (app, { deps }) => {
  const cookie = sessionCookie(deps.config.publicUrl);
  await app.register(fastifyCookie);
  app.decorateRequest('sessionUser', null);
  app.decorateRequest('sessionClaims', null);

  app.addHook('onRequest', async (request, reply) => {
    const now = nowInSeconds();
    const genuine = deps.sessions.read(request.cookies[cookie.name], now);
    const claims = genuine && (await sessionStillStands(deps.readModels, genuine)) ? genuine : null;
    request.sessionUser = claims?.user ?? null;
    request.sessionClaims = claims;
    if (claims && SessionCodec.dueForRefresh(claims, now)) {
      const fresh = deps.sessions.issue(claims.user, now, claims.version, claims.since);
      cookie.set(reply, fresh.value, fresh.claims, now);
    } else if (!claims && request.cookies[cookie.name] !== undefined) {
      cookie.clear(reply);
    }

    if (!isApiPath(guardedPath(request))) return;
    if (!request.sessionUser && !isAnonymousRoute(request)) throw new NotSignedInError();
    checkCsrfHeader(request);
  });
};

export const sessionPlugin = fastifyPlugin(plugin, { name: 'curbe-sessions', fastify: '5.x' });
