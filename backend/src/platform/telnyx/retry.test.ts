import { describe, expect, it } from 'vitest';
import { retryTransient } from './retry';
import { TelnyxPermanentError, TelnyxTransientError } from './telnyx-errors';

const policy = { attempts: 3, baseDelayMs: 10, maxDelayMs: 40 };
const transient = (retryAfterMs?: number) => new TelnyxTransientError(503, [], 'Telnyx is busy', retryAfterMs);

function failingWith(errors: Error[]) {
  const calls = { count: 0, at: [] as number[] };
  const operation = async () => {
    calls.at.push(Date.now());
    const error = errors[calls.count++];
    if (error) throw error;
    return 'created';
  };
  return { operation, calls };
}

describe('retryTransient', () => {
  it('tries again while Telnyx fails transiently', async () => {
    const { operation, calls } = failingWith([transient(), transient()]);
    await expect(retryTransient(policy, operation)).resolves.toBe('created');
    expect(calls.count).toBe(3);
  });

  it('gives up after the policy’s attempts with Telnyx’s error', async () => {
    const last = transient();
    const { operation, calls } = failingWith([transient(), transient(), last, transient()]);
    await expect(retryTransient(policy, operation)).rejects.toBe(last);
    expect(calls.count).toBe(policy.attempts);
  });

  it('passes a permanent refusal on at once', async () => {
    const refused = new TelnyxPermanentError(422, [], 'number not available');
    const { operation, calls } = failingWith([refused]);
    await expect(retryTransient(policy, operation)).rejects.toBe(refused);
    expect(calls.count).toBe(1);
  });

  it('waits Telnyx’s retry-after, capped at the policy’s maximum', async () => {
    const { operation, calls } = failingWith([transient(30), transient(10_000)]);
    await expect(retryTransient(policy, operation)).resolves.toBe('created');
    const [first, second, third] = calls.at as [number, number, number];
    expect(second - first).toBeGreaterThanOrEqual(25);
    expect(third - second).toBeGreaterThanOrEqual(35);
    expect(third - second).toBeLessThan(1_000);
  });
});
