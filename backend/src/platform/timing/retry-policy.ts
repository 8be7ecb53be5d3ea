import { setTimeout } from 'node:timers/promises';
import pRetry from 'p-retry';

/** How often and how patiently a failing piece of work is tried again. */
export interface RetryPolicy {
  /** Total tries, the first included (Infinity: never give up). */
  attempts: number;
  /** First backoff delay; doubles each time, capped at `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
}

/** The delay before retry number `retry` (1-based): exponential, capped. */
export function backoffDelayMs(retry: number, policy: RetryPolicy): number {
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
}

/** Waits `ms`; an abort of `signal` ends the wait early without an error (the caller then sees the abort). */
export async function pause(ms: number, signal?: AbortSignal): Promise<void> {
  try {
    await setTimeout(ms, undefined, signal ? { signal } : {});
  } catch (error) {
    if (!signal?.aborted) throw error;
  }
}

export interface RetryingOptions {
  policy: RetryPolicy;
  /** Only these failures are tried again; any other is passed on at once. */
  isRetryable: (error: unknown) => boolean;
  /** The wait before retry `retry` after `error`; the policy's backoff when not given. */
  delayMs?: (retry: number, error: unknown) => number;
  onRetry?: (info: { error: unknown; retry: number; delayMs: number }) => void;
  /** Cuts a wait short; the next attempt still runs, and `isRetryable` decides whether it is the last. */
  signal?: AbortSignal;
}

/**
 * Runs `operation` (given its 1-based attempt number) until it succeeds, fails with an error that is
 * not retryable, or has used all the policy's attempts; then passes that last error on.
 */
export function retrying<T>(operation: (attempt: number) => Promise<T>, options: RetryingOptions): Promise<T> {
  const { policy, isRetryable, onRetry, signal } = options;
  const delayMs = options.delayMs ?? ((retry: number) => backoffDelayMs(retry, policy));
  return pRetry(operation, {
    retries: policy.attempts - 1,
    // p-retry counts the attempts and decides; the wait is ours so that it can follow the error
    // (Telnyx's retry-after) and be reported.
    minTimeout: 0,
    shouldRetry: async ({ error, attemptNumber }) => {
      if (!isRetryable(error)) return false;
      const waitMs = delayMs(attemptNumber, error);
      onRetry?.({ error, retry: attemptNumber, delayMs: waitMs });
      await pause(waitMs, signal);
      return true;
    },
  });
}
