import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebhookSigner } from '../signing/webhook-signer';
import { CallbackLane, type DeliveryAttempt, type DeliveryPolicy } from './callback-lane';

let server: Server | undefined;
afterEach(() => new Promise<void>((done) => (server ? server.close(() => done()) : done())));

/** A customer endpoint answering `statuses` in turn (then 200); returns its URL and when each request came. */
async function customerAnswering(statuses: number[]) {
  const arrivals: number[] = [];
  server = createServer((request, response) => {
    arrivals.push(Date.now());
    request.resume();
    response.statusCode = statuses.shift() ?? 200;
    response.end();
  });
  await new Promise<void>((done) => server!.listen(0, '127.0.0.1', done));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/callbacks`, arrivals };
}

function laneWith(policy: Partial<DeliveryPolicy>) {
  const attempts: DeliveryAttempt[] = [];
  const full: DeliveryPolicy = {
    maxAttempts: 3,
    retryBaseMs: 20,
    timeScale: 1,
    timeoutMs: 2_000,
    chaos: { duplicate: false, shuffle: false },
    ...policy,
  };
  const lane = new CallbackLane(
    WebhookSigner.generate(),
    () => full,
    (attempt) => attempts.push(attempt),
  );
  return { lane, attempts };
}

const callback = (url: string) => ({
  kind: 'status' as const,
  url,
  method: 'POST' as const,
  params: { CallStatus: 'completed' },
});

describe('CallbackLane', () => {
  it('retries with a doubling delay until the customer takes the callback', async () => {
    const customer = await customerAnswering([500, 503]);
    const { lane, attempts } = laneWith({});
    lane.enqueue(callback(customer.url));
    await lane.finish();
    expect(attempts.map(({ attempt, status, final }) => ({ attempt, status, final }))).toEqual([
      { attempt: 1, status: 500, final: false },
      { attempt: 2, status: 503, final: false },
      { attempt: 3, status: 200, final: true },
    ]);
    const [first, second, third] = customer.arrivals as [number, number, number];
    expect(second - first).toBeGreaterThanOrEqual(15);
    expect(third - second).toBeGreaterThanOrEqual(35);
  });

  it('gives up after the last attempt, marking it final', async () => {
    const customer = await customerAnswering([500, 500, 500, 500]);
    const { lane, attempts } = laneWith({ maxAttempts: 2, retryBaseMs: 1 });
    lane.enqueue(callback(customer.url));
    await lane.finish();
    expect(attempts.map(({ attempt, final }) => ({ attempt, final }))).toEqual([
      { attempt: 1, final: false },
      { attempt: 2, final: true },
    ]);
  });

  it('stops retrying at once when cancelled', async () => {
    const customer = await customerAnswering([500, 500]);
    const { lane, attempts } = laneWith({ retryBaseMs: 60_000 });
    lane.enqueue(callback(customer.url));
    while (attempts.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    const started = Date.now();
    lane.cancel();
    await lane.finish();
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(attempts).toHaveLength(1);
  });
});
