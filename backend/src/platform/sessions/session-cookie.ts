import type { CookieSerializeOptions } from '@fastify/cookie';
import type { FastifyReply } from 'fastify';
import type { SessionClaims } from './session-token';

/**
 * The session cookie: HttpOnly (no script reads it), SameSite=Strict (never sent with a cross-site
 * request; the web app's own fetches are same-site), and Secure with the `__Host-` prefix whenever
 * the backend is served over HTTPS (`PUBLIC_URL` https), which also pins it to this host and path.
 */
export interface SessionCookie {
  name: string;
  set(reply: FastifyReply, value: string, claims: SessionClaims, now: number): void;
  clear(reply: FastifyReply): void;
}

export function sessionCookie(publicUrl: string): SessionCookie {
  const secure = publicUrl.startsWith('https://');
  const name = secure ? '__Host-curbe_session' : 'curbe_session';
  const base: CookieSerializeOptions = { path: '/', httpOnly: true, sameSite: 'strict', secure };
  return {
    name,
    set: (reply, value, claims, now) => {
      reply.setCookie(name, value, { ...base, maxAge: Math.max(0, claims.expiresAt - now) });
    },
    clear: (reply) => {
      reply.clearCookie(name, base);
    },
  };
}
