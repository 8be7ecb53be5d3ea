import { TelnyxTransientError } from './telnyx-errors';
import { backoffDelayMs, retrying, type RetryPolicy } from '../timing/retry-policy';

export type { RetryPolicy } from '../timing/retry-policy';

export const DEFAULT_RETRY_POLICY: RetryPolicy = { attempts: 4, baseDelayMs: 500, maxDelayMs: 8_000 };

/**
 * Repeats `operation` while it fails transiently, waiting the backoff or, when Telnyx said how long,
 * its retry-after (both capped at `maxDelayMs`). Used around non-idempotent work (look up, then
 * create) where the SDK's own blind retry of a POST could create a second resource.
 */
export function retryTransient<T>(policy: RetryPolicy, operation: () => Promise<T>): Promise<T> {
  return retrying(() => operation(), {
    policy,
    isRetryable: (error) => error instanceof TelnyxTransientError,
    delayMs: (retry, error) =>
      Math.min(policy.maxDelayMs, (error as TelnyxTransientError).retryAfterMs ?? backoffDelayMs(retry, policy)),
  });
}
