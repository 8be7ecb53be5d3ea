import { accountStreamName, isAccountEventType, type AccountEvent } from '@curbe-voice/contracts';
import type { EventStore, ExpectedRevision } from '@curbe-voice/event-store';

export interface LoadedStream<E> {
  events: E[];
  /** What to pass as `expectedRevision` when appending after these events. */
  expectedRevision: ExpectedRevision;
}

/** The account stream's events this code knows (others' events on the stream are skipped). */
export async function readAccountStream(store: EventStore, accountId: string): Promise<LoadedStream<AccountEvent>> {
  const recorded = await store.readStream(accountStreamName(accountId));
  const last = recorded.at(-1);
  return {
    events: recorded
      .filter((e) => isAccountEventType(e.type))
      .map((e) => ({ type: e.type, data: e.data }) as AccountEvent),
    expectedRevision: last ? last.revision : 'no_stream',
  };
}
