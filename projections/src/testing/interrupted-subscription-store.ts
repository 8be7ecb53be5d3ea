import type { AllSubscription, EventStore, RecordedEvent, SubscribeToAllOptions } from '@curbe-voice/event-store';

/**
 * Wraps a real store so that its first `$all` subscription breaks after `deliverBeforeFailure` events,
 * the way a dropped connection would. Later subscriptions pass straight through.
 */
export function interruptFirstSubscription(store: EventStore, deliverBeforeFailure: number): EventStore {
  let interrupted = false;
  return {
    appendToStream: (streamName, events, options) => store.appendToStream(streamName, events, options),
    readStream: (streamName, options) => store.readStream(streamName, options),
    readAll: (options) => store.readAll(options),
    ping: () => store.ping(),
    close: () => store.close(),
    subscribeToAll(options?: SubscribeToAllOptions): AllSubscription {
      const inner = store.subscribeToAll(options);
      if (interrupted) return inner;
      interrupted = true;
      return {
        unsubscribe: () => inner.unsubscribe(),
        async *[Symbol.asyncIterator](): AsyncGenerator<RecordedEvent> {
          let delivered = 0;
          for await (const event of inner) {
            if (delivered === deliverBeforeFailure) throw new Error('Connection to the event store lost');
            delivered += 1;
            yield event;
          }
        },
      };
    },
  };
}
