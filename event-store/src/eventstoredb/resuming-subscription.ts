import type { AllPosition, AllSubscription, RecordedEvent } from '../port';
import { backoffDelayMs, sleep as defaultSleep, type RetryPolicy, type Sleep } from './retry-policy';

export interface ResumingSubscriptionOptions {
  /** Opens one server subscription delivering the events after `from` (exclusive). */
  open(from: AllPosition | 'start'): AllSubscription;
  from: AllPosition | 'start';
  policy: RetryPolicy;
  isResumable: (error: unknown) => boolean;
  /** Waits between resumptions; rejects when unsubscribing aborts the wait. */
  sleep?: Sleep;
  random?: () => number;
  onResume?: (info: { error: unknown; from: AllPosition | 'start'; retry: number; delayMs: number }) => void;
  /** Called once when the subscription is over (unsubscribed, or failed for good). */
  onEnd?: () => void;
}

/**
 * A `$all` subscription that survives its server stream failing or ending (a node restarting, a
 * leader change): it opens a new one after the last event it delivered, so the consumer sees every
 * event once, in order. Consecutive failures without a delivered event count against the policy;
 * after the last attempt, or on a permanent error, the error reaches the consumer.
 */
export class ResumingSubscription implements AllSubscription {
  #position: AllPosition | 'start';
  #current: AllSubscription | undefined;
  #iterated = false;
  readonly #stop = new AbortController();

  constructor(private readonly options: ResumingSubscriptionOptions) {
    this.#position = options.from;
  }

  /** The last position delivered to the consumer (where a resumed stream starts after). */
  get position(): AllPosition | 'start' {
    return this.#position;
  }

  [Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    if (this.#iterated) throw new Error('A subscription can be iterated only once; subscribe again instead');
    this.#iterated = true;
    return this.#deliver();
  }

  async unsubscribe(): Promise<void> {
    if (this.#stop.signal.aborted) return;
    this.#stop.abort();
    this.options.onEnd?.();
    await this.#current?.unsubscribe();
  }

  async *#deliver(): AsyncGenerator<RecordedEvent> {
    const { policy, isResumable, sleep = defaultSleep, random, onResume } = this.options;
    const signal = this.#stop.signal;
    let failures = 0;
    try {
      while (!signal.aborted) {
        let failure: unknown = new Error('The event store ended the subscription');
        const current = (this.#current = this.options.open(this.#position));
        try {
          for await (const event of current) {
            this.#position = event.position;
            failures = 0;
            yield event;
          }
        } catch (error) {
          failure = error;
        } finally {
          await current.unsubscribe();
        }
        if (signal.aborted) return;
        failures += 1;
        if (!isResumable(failure) || failures >= policy.maxAttempts) throw failure;
        const delayMs = backoffDelayMs(failures, policy, random);
        onResume?.({ error: failure, from: this.#position, retry: failures, delayMs });
        try {
          await sleep(delayMs, signal);
        } catch (error) {
          if (signal.aborted) return;
          throw error;
        }
      }
    } finally {
      if (!signal.aborted) {
        this.#stop.abort();
        this.options.onEnd?.();
      }
    }
  }
}
