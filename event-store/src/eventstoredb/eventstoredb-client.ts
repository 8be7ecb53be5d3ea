import type { AllStreamResolvedEvent, EventStoreDBClient } from '@eventstore/db-client';

/** A server `$all` subscription as the adapter uses it. */
export interface ServerSubscription extends AsyncIterable<AllStreamResolvedEvent> {
  unsubscribe(): Promise<void>;
  destroy(): void;
}

/**
 * The part of the official client the adapter calls. Production passes the client itself; the
 * resilience tests pass one that forwards to a real server and injects failures in between.
 */
export interface EventStoreDbClient {
  appendToStream: EventStoreDBClient['appendToStream'];
  readStream: EventStoreDBClient['readStream'];
  readAll: EventStoreDBClient['readAll'];
  subscribeToAll(...args: Parameters<EventStoreDBClient['subscribeToAll']>): ServerSubscription;
  dispose(): Promise<void>;
}
