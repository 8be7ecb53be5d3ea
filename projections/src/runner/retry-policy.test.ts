import { describe, expect, it } from 'vitest';
import { retryDelayMs, waitBeforeRetry } from './retry-policy';

describe('retryDelayMs', () => {
  const policy = { initialDelayMs: 100, maxDelayMs: 1_000 };

  it('doubles the delay after each failed attempt', () => {
    expect([1, 2, 3, 4].map((attempt) => retryDelayMs(attempt, policy))).toEqual([100, 200, 400, 800]);
  });

  it('never waits longer than the maximum, however many attempts failed', () => {
    expect(retryDelayMs(5, policy)).toBe(1_000);
    expect(retryDelayMs(10_000, policy)).toBe(1_000);
  });
});

describe('waitBeforeRetry', () => {
  it('waits the delay', async () => {
    const started = Date.now();
    await waitBeforeRetry(30, new AbortController().signal);
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
  });

  it('ends without an error as soon as the projector stops', async () => {
    const stop = new AbortController();
    const started = Date.now();
    const waiting = waitBeforeRetry(60_000, stop.signal);
    stop.abort();
    await expect(waiting).resolves.toBeUndefined();
    await expect(waitBeforeRetry(60_000, stop.signal)).resolves.toBeUndefined();
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
