import type { FastifyRequest } from 'fastify';
import type { MemberRole, OperatorRole } from '@curbe-voice/contracts';
import { AccessDenied } from './access-denied';
import type { SessionClaims } from './session-token';

/** A member of an agency, as every agency route sees them. Set by the sign-in slice from the session cookie. */
export interface SessionUser {
  userId: string;
  accountId: string;
  role: MemberRole;
  email: string;
  displayName: string;
}

/** A platform operator: creates agencies, and belongs to none (so no agency route lets them in). */
export interface SessionOperator {
  userId: string;
  role: OperatorRole;
  email: string;
  displayName: string;
}

/** Whoever a session cookie signs in: an agency's member or a platform operator (told apart by `role`). */
export type SessionPrincipal = SessionUser | SessionOperator;

export const isOperator = (principal: SessionPrincipal): principal is SessionOperator => principal.role === 'operator';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who is signed in, or null for an anonymous request. */
    sessionUser: SessionPrincipal | null;
    /** The session that signed `sessionUser` in (its version included), or null. */
    sessionClaims: SessionClaims | null;
  }
}

export class NotSignedInError extends Error {
  readonly statusCode = 401;
  constructor() {
    super('Sign in first');
  }
}

/** Whoever is signed in, operator or member; answers 401 (through the error handler) when nobody is. */
export function requireSignedIn(request: FastifyRequest): SessionPrincipal {
  if (!request.sessionUser) throw new NotSignedInError();
  return request.sessionUser;
}

/**
 * The signed-in agency member; 401 when nobody is signed in, 403 for a platform operator (every
 * route that asks for a member is an agency's, and operators see no agency's data).
 */
export function requireUser(request: FastifyRequest): SessionUser {
  const principal = requireSignedIn(request);
  if (isOperator(principal)) throw new AccessDenied("Platform operators cannot open an agency's data");
  return principal;
}

/** The event `actor` for what this request does: `user:{id}` when signed in, else `system`. */
export function actorOf(request: FastifyRequest): string {
  return request.sessionUser ? `user:${request.sessionUser.userId}` : 'system';
}
