/** How often and how patiently an operation on the event store server is retried. */
export interface RetryPolicy {
  /** Attempts in all, the first one included (Infinity: never give up). */
  maxAttempts: number;
  initialDelayMs: number;
  maxDelayMs: number;
}

/** Reads and appends: a leader election or a restart of one node takes a few seconds. */
export const DEFAULT_OPERATION_RETRY: RetryPolicy = { maxAttempts: 6, initialDelayMs: 100, maxDelayMs: 2_000 };

/** Subscriptions outlive a whole server restart; their consumer resubscribes itself after that. */
export const DEFAULT_SUBSCRIPTION_RETRY: RetryPolicy = { maxAttempts: 30, initialDelayMs: 200, maxDelayMs: 5_000 };

/**
 * Delay before retry number `retry` (1-based): exponential, capped, with half of it random so that
 * several backend instances losing the same server do not all come back at the same instant.
 */
export function backoffDelayMs(retry: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const exponential = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** (retry - 1));
  return Math.round(exponential / 2 + (exponential / 2) * random());
}

export interface RetryOptions {
  policy: RetryPolicy;
  /** Only these failures are retried; any other is passed on at once. */
  isRetryable: (error: unknown) => boolean;
  sleep: (ms: number) => Promise<void>;
  random?: () => number;
  onRetry?: (info: { error: unknown; retry: number; delayMs: number }) => void;
}

/** Runs `operation` until it succeeds, fails with a non-retryable error, or runs out of attempts. */
export async function withRetry<T>(operation: () => Promise<T>, options: RetryOptions): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await operation();
    } catch (error) {
      if (!options.isRetryable(error) || attempt >= options.policy.maxAttempts) throw error;
      const delayMs = backoffDelayMs(attempt, options.policy, options.random);
      options.onRetry?.({ error, retry: attempt, delayMs });
      await options.sleep(delayMs);
    }
  }
}
