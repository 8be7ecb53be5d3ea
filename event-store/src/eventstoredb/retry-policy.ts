import { setTimeout as wait } from 'node:timers/promises';
import pRetry from 'p-retry';

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

/** Waits `ms`; rejects with an `AbortError` when `signal` aborts first. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export const sleep: Sleep = (ms, signal) => wait(ms, undefined, signal ? { signal } : {});

export interface RetryOptions {
  policy: RetryPolicy;
  /** Only these failures are retried; any other is passed on at once. */
  isRetryable: (error: unknown) => boolean;
  sleep?: Sleep;
  random?: () => number;
  onRetry?: (info: { error: unknown; retry: number; delayMs: number }) => void;
}

/** Runs `operation` until it succeeds, fails with a non-retryable error, or runs out of attempts. */
export function withRetry<T>(operation: () => Promise<T>, options: RetryOptions): Promise<T> {
  const { policy, isRetryable, random, onRetry } = options;
  const pause = options.sleep ?? sleep;
  return pRetry(() => operation(), {
    retries: policy.maxAttempts - 1,
    // p-retry counts the attempts and decides; the wait is ours, for this policy's jitter and to report it.
    minTimeout: 0,
    shouldRetry: async ({ error, attemptNumber }) => {
      if (!isRetryable(error)) return false;
      const delayMs = backoffDelayMs(attemptNumber, policy, random);
      onRetry?.({ error, retry: attemptNumber, delayMs });
      await pause(delayMs);
      return true;
    },
  });
}
