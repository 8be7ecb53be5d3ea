import type { FastifyRequest } from 'fastify';
import type { MemberRole } from '@curbe-voice/contracts';
import { AccessDenied } from './access-denied';
import { isOperator, requireSignedIn, requireUser, type SessionOperator, type SessionUser } from './session-user';

export { AccessDenied };

/**
 * Who may do what, in one place. Every `/api` route needs a signed-in user except signing in itself
 * (enforced for all routes by the session hook). On top of that, by role:
 * - `admin` runs the agency: activates its phone service, searches, buys, assigns and releases numbers,
 *   manages the team;
 * - `agent` uses the web phone and sees their own calls;
 * - `auditor` reads the audit trail and every call of the account, and changes nothing.
 * Every member of an account may read its activation, numbers and members (`/api/accounts/:id/…`
 * answers 403 to members of other accounts). Routes declare their roles with `requireRole`.
 * A platform `operator` belongs to no agency: they create agencies (`/api/operator/…`, theirs alone) and
 * every agency route answers them 403, as `/api/operator/…` answers every agency member.
 */

/** `METHOD /route/pattern` of the only API routes anonymous requests reach. */
export const ANONYMOUS_API_ROUTES: ReadonlySet<string> = new Set([
  'POST /api/auth/login',
  'POST /api/auth/set-password',
]);

const WHY: Record<MemberRole, string> = {
  admin: "Only the agency's admins can change its phone service and team",
  agent: 'The web phone is for agents only',
  auditor: 'The audit trail is for auditors only',
};

const accountIdParam = (request: FastifyRequest): string | undefined => {
  const id = (request.params as { id?: unknown } | undefined)?.id;
  return typeof id === 'string' ? id : undefined;
};

export function requireMemberOf(request: FastifyRequest, accountId: string): SessionUser {
  const user = requireUser(request);
  if (user.accountId !== accountId) throw new AccessDenied('You can only see your own agency');
  return user;
}

/**
 * A route guard (`onRequest`): the signed-in member must hold one of `roles` and, on routes with an
 * `:id` account parameter, belong to that account.
 */
export function requireRole(...roles: [MemberRole, ...MemberRole[]]) {
  return async (request: FastifyRequest): Promise<void> => {
    const accountId = accountIdParam(request);
    const user = accountId === undefined ? requireUser(request) : requireMemberOf(request, accountId);
    if (!roles.includes(user.role)) throw new AccessDenied(WHY[roles[0]]);
  };
}

const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Hook for routes under `/api/accounts/:id`: members of that account read, its admins change (a route
 * that forgets its guard is still closed); routes narrow further with `requireRole`.
 */
export async function accountAccess(request: FastifyRequest): Promise<void> {
  const user = requireMemberOf(request, accountIdParam(request) ?? '');
  if (!SAFE_METHODS.has(request.method) && user.role !== 'admin') throw new AccessDenied(WHY.admin);
}

/** Hook for routes under `/api/audit/accounts/:id`: that account's auditors only. */
export const auditorAccess = requireRole('auditor');

/** The web phone's own routes: agents only. */
export const agentAccess = requireRole('agent');

/** Changing the agency's phone service, numbers or team: its admins only. */
export const adminAccess = requireRole('admin');

/** The signed-in platform operator; 403 for every agency member. */
export function requireOperator(request: FastifyRequest): SessionOperator {
  const principal = requireSignedIn(request);
  if (!isOperator(principal)) throw new AccessDenied('Only platform operators manage agencies');
  return principal;
}

/** Hook for the platform operators' routes (`/api/operator/…`). */
export async function operatorAccess(request: FastifyRequest): Promise<void> {
  requireOperator(request);
}
