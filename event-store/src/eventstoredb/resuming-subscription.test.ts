import { describe, expect, it } from 'vitest';
import type { AllPosition, AllSubscription, RecordedEvent } from '../port';
import { ResumingSubscription } from './resuming-subscription';
import type { RetryPolicy } from './retry-policy';
import { isResumableStreamError } from './server-errors';

const at = (n: number): AllPosition => ({ commit: BigInt(n), prepare: BigInt(n) });
const event = (n: number): RecordedEvent => ({
  id: `id-${n}`,
  type: 'Happened',
  data: { n },
  metadata: {
    correlationId: 'c',
    causationId: null,
    actor: 'test',
    occurredAt: '2025-01-01T00:00:00.000Z',
    schemaVersion: 1,
  },
  streamName: 's-1',
  revision: n,
  position: at(n),
  recordedAt: new Date(0),
});
const serverError = (type: string) => Object.assign(new Error(type), { type });

/**
 * Stands in for the server's stream: the log holds events 1..total; each `open` delivers those after
 * `from` and then, for the planned failures, throws (or ends) after `deliverBeforeFailing` events.
 */
function serverStreams(total: number, failures: { after: number; error?: Error }[]) {
  const opened: (AllPosition | 'start')[] = [];
  const open = (from: AllPosition | 'start'): AllSubscription => {
    opened.push(from);
    const failure = failures.shift();
    const first = from === 'start' ? 1 : Number(from.commit) + 1;
    let stopped = false;
    return {
      async *[Symbol.asyncIterator]() {
        let delivered = 0;
        for (let n = first; n <= total && !stopped; n += 1) {
          if (failure && delivered === failure.after) {
            if (failure.error) throw failure.error;
            return;
          }
          delivered += 1;
          yield event(n);
        }
      },
      async unsubscribe() {
        stopped = true;
      },
    };
  };
  return { open, opened };
}

const policy: RetryPolicy = { maxAttempts: 3, initialDelayMs: 10, maxDelayMs: 40 };

async function collect(subscription: AllSubscription, count: number): Promise<number[]> {
  const seen: number[] = [];
  for await (const delivered of subscription) {
    seen.push((delivered.data as { n: number }).n);
    if (seen.length === count) break;
  }
  return seen;
}

function resuming(open: (from: AllPosition | 'start') => AllSubscription, from: AllPosition | 'start' = 'start') {
  const delays: number[] = [];
  const subscription = new ResumingSubscription({
    open,
    from,
    policy,
    isResumable: isResumableStreamError,
    sleep: async (ms) => void delays.push(ms),
    random: () => 1,
  });
  return { subscription, delays };
}

describe('resuming a subscription', () => {
  it('delivers every event once, in order, across streams that fail or end under it', async () => {
    const server = serverStreams(8, [
      { after: 2, error: serverError('unavailable') },
      { after: 3 },
      { after: 0, error: serverError('cancelled') },
    ]);
    const { subscription, delays } = resuming(server.open, at(0));
    expect(await collect(subscription, 8)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    // Each new stream starts after the last event delivered.
    expect(server.opened).toEqual([at(0), at(2), at(5), at(5)]);
    expect(delays).toEqual([10, 10, 20]);
  });

  it('counts only failures in a row: a delivered event resets the backoff', async () => {
    const failures = Array.from({ length: 6 }, () => ({ after: 1, error: serverError('unavailable') }));
    const server = serverStreams(7, failures);
    const { subscription, delays } = resuming(server.open);
    expect(await collect(subscription, 7)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(delays).toEqual([10, 10, 10, 10, 10, 10]);
  });

  it('passes the error on after the last attempt, or at once when it is permanent', async () => {
    const down = serverError('unavailable');
    const server = serverStreams(5, [
      { after: 0, error: down },
      { after: 0, error: down },
      { after: 0, error: down },
    ]);
    await expect(collect(resuming(server.open).subscription, 5)).rejects.toBe(down);
    expect(server.opened).toHaveLength(policy.maxAttempts);

    const denied = serverError('access-denied');
    const refusing = serverStreams(5, [{ after: 1, error: denied }]);
    const { subscription } = resuming(refusing.open);
    const seen: number[] = [];
    await expect(
      (async () => {
        for await (const delivered of subscription) seen.push((delivered.data as { n: number }).n);
      })(),
    ).rejects.toBe(denied);
    expect(seen).toEqual([1]);
    expect(refusing.opened).toHaveLength(1);
  });

  it('stops for good when unsubscribed', async () => {
    const server = serverStreams(100, []);
    const { subscription } = resuming(server.open);
    const seen: number[] = [];
    for await (const delivered of subscription) {
      seen.push((delivered.data as { n: number }).n);
      if (seen.length === 3) await subscription.unsubscribe();
    }
    expect(seen).toEqual([1, 2, 3]);
    expect(server.opened).toHaveLength(1);
  });

  it('ends at once when unsubscribed while it waits to resume', async () => {
    const server = serverStreams(5, [{ after: 1, error: serverError('unavailable') }]);
    const subscription = new ResumingSubscription({
      open: server.open,
      from: 'start',
      policy: { maxAttempts: 3, initialDelayMs: 60_000, maxDelayMs: 60_000 },
      isResumable: isResumableStreamError,
      onResume: () => void subscription.unsubscribe(),
    });
    const started = Date.now();
    expect(await collect(subscription, 5)).toEqual([1]);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(server.opened).toHaveLength(1);
  });
});
