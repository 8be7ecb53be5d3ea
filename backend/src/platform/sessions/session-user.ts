import type { FastifyRequest } from 'fastify';
import type { MemberRole } from '@curbe-voice/contracts';
import type { SessionClaims } from './session-token';

/** Who is signed in, as every route sees it. Set by the sign-in slice from the session cookie. */
export interface SessionUser {
  userId: string;
  accountId: string;
  role: MemberRole;
  email: string;
  displayName: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in user, or null for an anonymous request. */
    sessionUser: SessionUser | null;
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

/** The signed-in user; answers 401 (through the error handler) when there is none. */
export function requireUser(request: FastifyRequest): SessionUser {
  if (!request.sessionUser) throw new NotSignedInError();
  return request.sessionUser;
}

/** The event `actor` for what this request does: `user:{id}` when signed in, else `system`. */
export function actorOf(request: FastifyRequest): string {
  return request.sessionUser ? `user:${request.sessionUser.userId}` : 'system';
}
