import { matchesFilter } from '../event-filter';
import type { AllSubscription, EventFilter, RecordedEvent } from '../port';
import type { ServerSubscription } from './eventstoredb-client';
import { toRecordedEvent } from './eventstoredb-mapping';

const STOPPED = Symbol('stopped');

/** One server subscription, mapped to the port; `ResumingSubscription` replaces it when it fails. */
export class EventStoreDbSubscription implements AllSubscription {
  #stopped = false;
  #iterated = false;
  #stop!: (value: typeof STOPPED) => void;
  readonly #whenStopped = new Promise<typeof STOPPED>((resolve) => (this.#stop = resolve));

  constructor(
    private readonly subscription: ServerSubscription,
    private readonly filter: EventFilter | undefined,
  ) {}

  [Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    if (this.#iterated) throw new Error('A subscription can be iterated only once; subscribe again instead');
    this.#iterated = true;
    return this.#deliver();
  }

  async unsubscribe(): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    this.#stop(STOPPED);
    await this.subscription.unsubscribe();
    this.subscription.destroy();
  }

  async *#deliver(): AsyncGenerator<RecordedEvent> {
    const source = this.subscription[Symbol.asyncIterator]();
    try {
      while (!this.#stopped) {
        // A cancelled gRPC stream does not always end the readable, so stopping also ends the wait.
        const next = await Promise.race([source.next(), this.#whenStopped]);
        if (next === STOPPED || next.done) return;
        const event = toRecordedEvent(next.value);
        if (event && matchesFilter(this.filter, event.streamName, event.type)) yield event;
      }
    } catch (error) {
      if (!this.#stopped) throw error;
    } finally {
      await this.unsubscribe();
    }
  }
}
