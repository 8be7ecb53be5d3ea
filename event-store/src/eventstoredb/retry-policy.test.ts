import { describe, expect, it } from 'vitest';
import { backoffDelayMs, withRetry, type RetryPolicy } from './retry-policy';
import { isResumableStreamError, isTransientServerError } from './server-errors';

const policy: RetryPolicy = { maxAttempts: 4, initialDelayMs: 100, maxDelayMs: 300 };
/** The client's errors as it throws them: an Error with its `type`. */
const serverError = (type: string) => Object.assign(new Error(type), { type });

/** An operation that fails with `error` the first `failures` times, then answers. */
function failingTimes(failures: number, error: unknown) {
  const calls = { count: 0 };
  const operation = async () => {
    calls.count += 1;
    if (calls.count <= failures) throw error;
    return `answer after ${calls.count} calls`;
  };
  return { operation, calls };
}

function retryOptions(delays: number[]) {
  return {
    policy,
    isRetryable: isTransientServerError,
    sleep: async (ms: number) => void delays.push(ms),
    random: () => 1,
  };
}

describe('retrying server operations', () => {
  it('retries transient failures with a growing, capped backoff until the server answers', async () => {
    const delays: number[] = [];
    const { operation, calls } = failingTimes(3, serverError('unavailable'));
    await expect(withRetry(operation, retryOptions(delays))).resolves.toBe('answer after 4 calls');
    expect(calls.count).toBe(4);
    expect(delays).toEqual([100, 200, 300]);
  });

  it('gives up after the last attempt with the server’s error', async () => {
    const error = serverError('not-leader');
    const { operation, calls } = failingTimes(10, error);
    await expect(withRetry(operation, retryOptions([]))).rejects.toBe(error);
    expect(calls.count).toBe(policy.maxAttempts);
  });

  it('passes a permanent error on at once', async () => {
    const error = serverError('access-denied');
    const { operation, calls } = failingTimes(1, error);
    await expect(withRetry(operation, retryOptions([]))).rejects.toBe(error);
    expect(calls.count).toBe(1);
  });

  it('spreads the delays of several clients between half and all of the backoff', () => {
    expect(backoffDelayMs(1, policy, () => 0)).toBe(50);
    expect(backoffDelayMs(1, policy, () => 1)).toBe(100);
    expect(backoffDelayMs(10, policy, () => 0.5)).toBe(225);
  });

  it('classifies the client’s errors', () => {
    for (const type of ['unavailable', 'deadline-exceeded', 'not-leader', 'timeout']) {
      expect(isTransientServerError(serverError(type))).toBe(true);
    }
    for (const type of ['wrong-expected-version', 'access-denied', 'stream-deleted', 'cancelled']) {
      expect(isTransientServerError(serverError(type))).toBe(false);
    }
    expect(isTransientServerError(new Error('no type'))).toBe(false);
    expect(isResumableStreamError(serverError('cancelled'))).toBe(true);
    expect(isResumableStreamError(serverError('unknown'))).toBe(true);
    expect(isResumableStreamError(serverError('access-denied'))).toBe(false);
  });

  it('never gives up when the policy allows unlimited attempts', async () => {
    const delays: number[] = [];
    const { operation, calls } = failingTimes(12, serverError('unavailable'));
    const options = { ...retryOptions(delays), policy: { ...policy, maxAttempts: Number.POSITIVE_INFINITY } };
    await expect(withRetry(operation, options)).resolves.toBe('answer after 13 calls');
    expect(calls.count).toBe(13);
    expect(delays).toHaveLength(12);
  });

  it('waits for real between attempts when no sleep is given', async () => {
    const { operation, calls } = failingTimes(2, serverError('timeout'));
    const started = Date.now();
    const answer = withRetry(operation, {
      policy: { maxAttempts: 3, initialDelayMs: 40, maxDelayMs: 40 },
      isRetryable: isTransientServerError,
      random: () => 1,
    });
    await expect(answer).resolves.toBe('answer after 3 calls');
    expect(calls.count).toBe(3);
    expect(Date.now() - started).toBeGreaterThanOrEqual(70);
  });
});
