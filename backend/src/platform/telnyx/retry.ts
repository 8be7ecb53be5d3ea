import { TelnyxTransientError } from './telnyx-errors';

export interface RetryPolicy {
  /** Total tries, the first included. */
  attempts: number;
  /** First backoff delay; doubles each time, capped at `maxDelayMs`. Telnyx's retry-after wins. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { attempts: 4, baseDelayMs: 500, maxDelayMs: 8_000 };

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Repeats `operation` while it fails transiently. Used around non-idempotent work (look up, then
 * create) where the SDK's own blind retry of a POST could create a second resource.
 */
export async function retryTransient<T>(policy: RetryPolicy, operation: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation();
    } catch (error) {
      if (!(error instanceof TelnyxTransientError) || attempt >= policy.attempts) throw error;
      const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
      await sleep(Math.min(policy.maxDelayMs, error.retryAfterMs ?? backoff));
    }
  }
}
