import type { EventStore } from '@curbe-voice/event-store';
import type { Metrics } from './metrics';

/** `call-v3:abc` → `call`: the part of a stream name before its first dash (a bounded set of values). */
export function streamCategory(streamName: string): string {
  const dash = streamName.indexOf('-');
  return dash > 0 ? streamName.slice(0, dash) : streamName;
}

/**
 * Counts appended events at the store boundary, whatever slice appends them. Only successful appends
 * count; a refused one (wrong expected revision, duplicate id) counts nothing.
 */
export function withEventMetrics(store: EventStore, metrics: Pick<Metrics, 'eventsAppended'>): EventStore {
  return {
    async appendToStream(streamName, events, options) {
      const result = await store.appendToStream(streamName, events, options);
      const category = streamCategory(streamName);
      for (const event of events) metrics.eventsAppended.inc({ event_type: event.type, stream_category: category });
      return result;
    },
    readStream: (...args) => store.readStream(...args),
    readAll: (...args) => store.readAll(...args),
    subscribeToAll: (...args) => store.subscribeToAll(...args),
    ping: () => store.ping(),
    close: () => store.close(),
  };
}
