import { describe } from 'vitest';
import { describeEventStoreContract } from '../testing/event-store-contract';
import { openEventStoreDb } from './eventstoredb-event-store';

// Runs against a real EventStoreDB / KurrentDB server, e.g. EVENTSTORE_CONNECTION_STRING=esdb://localhost:2113?tls=false
const connectionString = process.env.EVENTSTORE_CONNECTION_STRING;

if (!connectionString) {
  console.warn(
    'EventStoreDB contract run SKIPPED: EVENTSTORE_CONNECTION_STRING is not set, so there is no server to test against. ' +
      'Set it (e.g. esdb://localhost:2113?tls=false) to run the event store contract against EventStoreDB.',
  );
}

describe.skipIf(!connectionString)('EventStoreDB adapter (needs EVENTSTORE_CONNECTION_STRING)', () => {
  describeEventStoreContract('EventStoreDB', async () => {
    const store = openEventStoreDb({ connectionString: connectionString! });
    return { store, cleanup: () => store.close() };
  });
});
