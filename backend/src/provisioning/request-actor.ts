import type { FastifyRequest } from 'fastify';

const ACTOR = /^(user:[A-Za-z0-9._@-]{1,128}|system|cli)$/;

/**
 * Who is asking. Until sign-in exists this trusts an `x-curbe-actor` header (`user:{id}`) and falls
 * back to `system`; sign-in replaces this one function with the authenticated user.
 */
export function requestActor(request: FastifyRequest): string {
  const header = request.headers['x-curbe-actor'];
  return typeof header === 'string' && ACTOR.test(header) ? header : 'system';
}
