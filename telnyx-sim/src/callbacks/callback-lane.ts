import pRetry from 'p-retry';
import type { BodySigner } from '../signing/account-signers';
import type { HttpMethod } from '../texml/texml-document';
import { sendSignedForm } from './signed-request';

/**
 * Delivers one call's status and recording callbacks: signed, one after another in the order they
 * were raised, retried with exponential backoff on connection errors and on any answer but 200 (Telnyx:
 * "The server must return an HTTP 200, otherwise we will reattempt"); given up on after the attempts.
 * Chaos mode reproduces what Telnyx may do to a customer: deliver each callback twice, and/or out
 * of order (held back until the call ends, then sent shuffled).
 */

export interface OutgoingCallback {
  kind: 'status' | 'recording';
  url: string;
  method: HttpMethod;
  params: Record<string, string>;
}

export interface DeliveryAttempt extends OutgoingCallback {
  attempt: number;
  duplicate: boolean;
  status?: number;
  error?: string;
  /** True when this attempt was the last one for this delivery (success or gave up). */
  final: boolean;
  /** True when the customer answered 200; a final attempt that was not delivered is a failed callback. */
  delivered: boolean;
}

export interface DeliveryPolicy {
  maxAttempts: number;
  /** First retry delay in ms; doubles each retry; scaled by timeScale. */
  retryBaseMs: number;
  timeScale: number;
  timeoutMs: number;
  chaos: { duplicate: boolean; shuffle: boolean };
}

interface QueuedCallback {
  callback: OutgoingCallback;
  duplicate: boolean;
}

export class CallbackLane {
  private tail: Promise<void> = Promise.resolve();
  private held: QueuedCallback[] = [];
  private readonly cancelled = new AbortController();

  constructor(
    private readonly signer: BodySigner,
    private readonly policy: () => DeliveryPolicy,
    private readonly onAttempt: (attempt: DeliveryAttempt) => void,
  ) {}

  enqueue(callback: OutgoingCallback): void {
    const { chaos } = this.policy();
    const copies: QueuedCallback[] = [{ callback, duplicate: false }];
    if (chaos.duplicate) copies.push({ callback, duplicate: true });
    if (chaos.shuffle) this.held.push(...copies);
    else for (const copy of copies) this.schedule(copy);
  }

  /** The call is over: sends what was held back, and resolves when every delivery has finished. */
  async finish(): Promise<void> {
    const held = outOfOrder(this.held);
    this.held = [];
    for (const copy of held) this.schedule(copy);
    await this.tail;
  }

  /** Stops retries and pending deliveries (simulator shutting down). */
  cancel(): void {
    this.cancelled.abort();
    this.held = [];
  }

  private schedule(copy: QueuedCallback): void {
    this.tail = this.tail.then(() => this.deliver(copy));
  }

  private async deliver({ callback, duplicate }: QueuedCallback): Promise<void> {
    const policy = this.policy();
    const attemptOnce = async (attempt: number): Promise<void> => {
      const response = await sendSignedForm(this.signer, callback, policy.timeoutMs);
      const delivered = response.ok && response.status === 200;
      const final = delivered || attempt === policy.maxAttempts;
      this.onAttempt({
        ...callback,
        attempt,
        duplicate,
        final,
        delivered,
        ...(response.ok ? { status: response.status } : { error: response.error }),
      });
      if (!final) throw new NotDelivered();
    };
    try {
      await pRetry(attemptOnce, {
        retries: policy.maxAttempts - 1,
        factor: 2,
        minTimeout: policy.retryBaseMs * policy.timeScale,
        shouldRetry: ({ error }) => error instanceof NotDelivered,
        signal: this.cancelled.signal,
      });
    } catch (error) {
      // Cancelling stops the retries quietly, as the simulator shuts down.
      if (!this.cancelled.signal.aborted) throw error;
    }
  }
}

/** The customer did not take the callback (no connection or not a 2xx answer): worth another try. */
class NotDelivered extends Error {}

/** A shuffled copy that is guaranteed not to be in the original order (when that is possible). */
function outOfOrder<T>(items: T[]): T[] {
  const shuffled = [...items];
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [shuffled[i], shuffled[j]] = [shuffled[j] as T, shuffled[i] as T];
  }
  const unchanged = shuffled.every((item, index) => item === items[index]);
  return unchanged ? shuffled.reverse() : shuffled;
}
