import type { FastifyRequest } from 'fastify';
import { AccessDenied } from './access-policy';

/**
 * Cross-site request forgery: a state-changing API request must carry `x-curbe-csrf`. A page on
 * another site cannot add a custom header to a form post, and a cross-origin `fetch` that tries is
 * stopped by CORS preflight (this backend allows no other origin). The SameSite=Strict cookie is the
 * second line. Webhooks are outside `/api` and verified by signature instead.
 */
export const CSRF_HEADER = 'x-curbe-csrf';

const STATE_CHANGING: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function checkCsrfHeader(request: FastifyRequest): void {
  if (!STATE_CHANGING.has(request.method)) return;
  const value = request.headers[CSRF_HEADER];
  if (typeof value !== 'string' || value.length === 0) {
    throw new AccessDenied(`State-changing requests need the ${CSRF_HEADER} header (send "${CSRF_HEADER}: 1")`);
  }
}
