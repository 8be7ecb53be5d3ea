import {
  ANY,
  NO_STREAM,
  STREAM_EXISTS,
  eventTypeFilter,
  excludeSystemEvents,
  streamNameFilter,
} from '@eventstore/db-client';
import type { AllStreamResolvedEvent, AppendExpectedRevision, Filter, ResolvedEvent } from '@eventstore/db-client';
import type { EventMetadata } from '@curbe-voice/contracts';
import type { EventFilter, ExpectedRevision, RecordedEvent } from '../port';

/* Translations between the port's names and values and the EventStoreDB client's. */

/** Server-side filtering when one kind of prefix is asked for; with both, the server only drops `$` types. */
export function serverFilter(filter: EventFilter | undefined): Filter {
  const streamPrefixes = filter?.streamNamePrefixes ?? [];
  const typePrefixes = filter?.eventTypePrefixes ?? [];
  if (streamPrefixes.length > 0 && typePrefixes.length === 0) return streamNameFilter({ prefixes: streamPrefixes });
  if (typePrefixes.length > 0 && streamPrefixes.length === 0) return eventTypeFilter({ prefixes: typePrefixes });
  return excludeSystemEvents();
}

export function toDbExpectedRevision(expected: ExpectedRevision): AppendExpectedRevision {
  switch (expected) {
    case 'any':
      return ANY;
    case 'no_stream':
      return NO_STREAM;
    case 'stream_exists':
      return STREAM_EXISTS;
    default:
      return BigInt(expected);
  }
}

/** Maps a server event; link events to deleted events and system events (`$` types) map to nothing. */
export function toRecordedEvent(resolved: ResolvedEvent | AllStreamResolvedEvent): RecordedEvent | undefined {
  const event = resolved.event;
  if (!event || event.type.startsWith('$')) return undefined;
  // Stream reads from older servers carry only the commit position.
  const position = event.position ?? {
    commit: resolved.commitPosition ?? -1n,
    prepare: resolved.commitPosition ?? -1n,
  };
  return {
    id: event.id,
    type: event.type,
    data: event.data,
    metadata: (event.metadata ?? {}) as EventMetadata,
    streamName: event.streamId,
    revision: Number(event.revision),
    position: { commit: position.commit, prepare: position.prepare },
    recordedAt: event.created,
  };
}
