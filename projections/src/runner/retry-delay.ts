export interface RetryPolicy {
  initialDelayMs: number;
  maxDelayMs: number;
}

export const defaultRetryPolicy: RetryPolicy = { initialDelayMs: 200, maxDelayMs: 30_000 };

/** Exponential backoff: the delay before retry number `attempt` (1-based). */
export function retryDelayMs(attempt: number, policy: RetryPolicy): number {
  const exponent = Math.min(Math.max(attempt - 1, 0), 30);
  return Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** exponent);
}
