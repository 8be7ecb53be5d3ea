import { setTimeout } from 'node:timers/promises';

/**
 * How a projector backs off while its subscription or its events keep failing. It never gives up on
 * the subscription or the database; an event that still fails after `parkAfterAttempts` tries while
 * the database answers is parked, so one bad event cannot stall the read model.
 */
export interface RetryPolicy {
  initialDelayMs: number;
  maxDelayMs: number;
  parkAfterAttempts: number;
}

export const defaultRetryPolicy: RetryPolicy = { initialDelayMs: 200, maxDelayMs: 30_000, parkAfterAttempts: 5 };

/** Exponential backoff: the delay before retry number `attempt` (1-based). */
export function retryDelayMs(attempt: number, policy: Pick<RetryPolicy, 'initialDelayMs' | 'maxDelayMs'>): number {
  const exponent = Math.min(Math.max(attempt - 1, 0), 30);
  return Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** exponent);
}

/** Waits `ms` before a retry; stopping (`signal`) ends the wait early, and the caller's loop then sees the abort. */
export async function waitBeforeRetry(ms: number, signal: AbortSignal): Promise<void> {
  try {
    await setTimeout(ms, undefined, { signal });
  } catch (error) {
    if (!signal.aborted) throw error;
  }
}
