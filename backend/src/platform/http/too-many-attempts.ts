import type { FastifyReply } from 'fastify';
import type { LimitDecision } from './attempt-limiter';

/** The answer to an attempt over its limit: 429 with `Retry-After` and a sentence saying what to do. */
export function tooManyAttempts(reply: FastifyReply, decision: LimitDecision, message: string) {
  return reply.code(429).header('retry-after', String(decision.retryAfterSeconds)).send({
    statusCode: 429,
    error: 'Too Many Requests',
    message,
  });
}

/** "Try again in N minutes" for a refused attempt (at least one). */
export const minutesToWait = (decision: LimitDecision): number => Math.ceil(decision.retryAfterSeconds / 60);
