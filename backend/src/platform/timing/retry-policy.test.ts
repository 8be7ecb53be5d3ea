import { describe, expect, it } from 'vitest';
import { backoffDelayMs, pause, retrying, type RetryPolicy } from './retry-policy';

const policy: RetryPolicy = { attempts: 4, baseDelayMs: 5, maxDelayMs: 12 };

class Flaky extends Error {}
class Broken extends Error {}

/** Fails with `error` the first `failures` calls, then answers with the attempt number. */
function failingTimes(failures: number, error: Error) {
  const attempts: number[] = [];
  const operation = async (attempt: number) => {
    attempts.push(attempt);
    if (attempts.length <= failures) throw error;
    return attempt;
  };
  return { operation, attempts };
}

function recordingRetries() {
  const delays: number[] = [];
  return { delays, onRetry: ({ delayMs }: { delayMs: number }) => void delays.push(delayMs) };
}

describe('backoffDelayMs', () => {
  it('doubles from the base delay and stops at the maximum', () => {
    expect(
      [1, 2, 3, 4].map((retry) => backoffDelayMs(retry, { attempts: 9, baseDelayMs: 500, maxDelayMs: 3_000 })),
    ).toEqual([500, 1_000, 2_000, 3_000]);
  });
});

describe('retrying', () => {
  it('tries again after retryable failures, with a growing, capped backoff, until it succeeds', async () => {
    const { operation, attempts } = failingTimes(3, new Flaky('busy'));
    const { delays, onRetry } = recordingRetries();
    await expect(retrying(operation, { policy, isRetryable: (e) => e instanceof Flaky, onRetry })).resolves.toBe(4);
    expect(attempts).toEqual([1, 2, 3, 4]);
    expect(delays).toEqual([5, 10, 12]);
  });

  it('passes the last error on once every attempt is used', async () => {
    const error = new Flaky('still busy');
    const { operation, attempts } = failingTimes(10, error);
    await expect(retrying(operation, { policy, isRetryable: () => true })).rejects.toBe(error);
    expect(attempts).toHaveLength(policy.attempts);
  });

  it('passes an error that is not retryable on at once', async () => {
    const error = new Broken('no');
    const { operation, attempts } = failingTimes(1, error);
    await expect(retrying(operation, { policy, isRetryable: (e) => e instanceof Flaky })).rejects.toBe(error);
    expect(attempts).toEqual([1]);
  });

  it('waits what `delayMs` says for the error in hand', async () => {
    const { operation } = failingTimes(2, new Flaky('slow down'));
    const { delays, onRetry } = recordingRetries();
    await retrying(operation, { policy, isRetryable: () => true, delayMs: (retry) => retry * 3, onRetry });
    expect(delays).toEqual([3, 6]);
  });

  it('cuts a wait short when the signal aborts, and still makes the next attempt', async () => {
    const stop = new AbortController();
    const { operation, attempts } = failingTimes(1, new Flaky('down'));
    const started = Date.now();
    const result = retrying(operation, {
      policy: { attempts: 3, baseDelayMs: 60_000, maxDelayMs: 60_000 },
      isRetryable: () => !stop.signal.aborted,
      onRetry: () => stop.abort(),
      signal: stop.signal,
    });
    await expect(result).resolves.toBe(2);
    expect(attempts).toEqual([1, 2]);
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});

describe('pause', () => {
  it('waits the given time', async () => {
    const started = Date.now();
    await pause(30);
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
  });

  it('ends early, without an error, when the signal aborts (at once when it already has)', async () => {
    const stop = new AbortController();
    const started = Date.now();
    const waiting = pause(60_000, stop.signal);
    stop.abort();
    await expect(waiting).resolves.toBeUndefined();
    await expect(pause(60_000, stop.signal)).resolves.toBeUndefined();
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
