import { describe, expect, it } from 'vitest';
import { retryDelayMs } from './retry-delay';

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
