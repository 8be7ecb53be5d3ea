import type { FastifyRequest } from 'fastify';
import { requireUser, type SessionUser } from './session-user';

/**
 * Who may do what, in one place. Every `/api` route needs a signed-in user except signing in itself
 * (enforced for all routes by the session hook). On top of that:
 * - `/api/accounts/:id/…`: members of that account may read; only its agents may change anything
 *   (agents run their own agency's phone service: activation, numbers);
 * - `/api/audit/accounts/:id/…`: only that account's auditors;
 * - the web phone's own routes: agents only.
 */

export class AccessDenied extends Error {
  override readonly name = 'AccessDenied';
  readonly statusCode = 403;
}

/** `METHOD /route/pattern` of the only API routes anonymous requests reach. */
export const ANONYMOUS_API_ROUTES: ReadonlySet<string> = new Set([
  'POST /api/auth/login',
  'POST /api/auth/set-password',
]);

const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);

export function requireMemberOf(request: FastifyRequest, accountId: string): SessionUser {
  const user = requireUser(request);
  if (user.accountId !== accountId) throw new AccessDenied('You can only see your own agency');
  return user;
}

export function requireAgentOf(request: FastifyRequest, accountId: string): SessionUser {
  const user = requireMemberOf(request, accountId);
  if (user.role !== 'agent') throw new AccessDenied("Only the agency's agents can change its phone service");
  return user;
}

export function requireAuditorOf(request: FastifyRequest, accountId: string): SessionUser {
  const user = requireMemberOf(request, accountId);
  if (user.role !== 'auditor') throw new AccessDenied('The audit trail is for auditors only');
  return user;
}

export function requireAgent(request: FastifyRequest): SessionUser {
  const user = requireUser(request);
  if (user.role !== 'agent') throw new AccessDenied('The web phone is for agents only');
  return user;
}

const accountIdParam = (request: FastifyRequest): string => {
  const id = (request.params as { id?: unknown } | undefined)?.id;
  return typeof id === 'string' ? id : '';
};

/** Hook for routes under `/api/accounts/:id`: members read, agents change. */
export async function accountAccess(request: FastifyRequest): Promise<void> {
  const accountId = accountIdParam(request);
  if (SAFE_METHODS.has(request.method)) requireMemberOf(request, accountId);
  else requireAgentOf(request, accountId);
}

/** Hook for routes under `/api/audit/accounts/:id`: that account's auditors only. */
export async function auditorAccess(request: FastifyRequest): Promise<void> {
  requireAuditorOf(request, accountIdParam(request));
}
