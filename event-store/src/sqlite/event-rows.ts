import type { EventMetadata } from '@curbe-voice/contracts';
import { describeValue } from '../describe-value';
import type { AllPosition, EventFilter, RecordedEvent } from '../port';

/** Columns selected wherever events are read, and their mapping to the port's RecordedEvent. */
export const EVENT_COLUMNS = 'position, event_id, stream_name, revision, type, data, metadata, recorded_at';

export interface EventRow {
  position: number;
  event_id: string;
  stream_name: string;
  revision: number;
  type: string;
  data: string;
  metadata: string;
  recorded_at: number;
}

export function toRecordedEvent(row: EventRow): RecordedEvent {
  // Both columns hold JSON written by this store after `serializeAppend` checked the append (metadata an object).
  const data: unknown = JSON.parse(row.data);
  const metadata = JSON.parse(row.metadata) as EventMetadata;
  return {
    id: row.event_id,
    type: row.type,
    data,
    metadata,
    streamName: row.stream_name,
    revision: row.revision,
    position: sequenceToPosition(row.position),
    recordedAt: new Date(row.recorded_at),
  };
}

/** SQLite has one global sequence, so both parts of the position are that sequence. */
export function sequenceToPosition(sequence: number): AllPosition {
  const value = BigInt(sequence);
  return { commit: value, prepare: value };
}

/** Sequence numbers start at 1, so "start" is 0 (exclusive). */
export function positionToSequence(position: AllPosition | 'start' | undefined): number {
  if (position === undefined || position === 'start') return 0;
  if (typeof position !== 'object' || typeof position.commit !== 'bigint' || position.commit < 0n) {
    throw new TypeError(`fromPosition must be "start" or an $all position; got ${describeValue(position)}`);
  }
  return Number(position.commit);
}

/**
 * SQL condition and parameters for a filter. GLOB is used (not LIKE) because it is case-sensitive,
 * like the EventStoreDB prefix filters; the prefix's own wildcard characters are escaped.
 */
export function filterCondition(filter: EventFilter | undefined): { sql: string; params: string[]; key: string } {
  const streamPrefixes = filter?.streamNamePrefixes ?? [];
  const typePrefixes = filter?.eventTypePrefixes ?? [];
  const clauses = [...streamPrefixes.map(() => 'stream_name GLOB ?'), ...typePrefixes.map(() => 'type GLOB ?')];
  const anyPrefix = clauses.length > 0 ? ` AND (${clauses.join(' OR ')})` : '';
  return {
    sql: `substr(type, 1, 1) <> '$'${anyPrefix}`,
    params: [...streamPrefixes, ...typePrefixes].map(globPrefix),
    key: `${streamPrefixes.length}:${typePrefixes.length}`,
  };
}

function globPrefix(prefix: string): string {
  return `${prefix.replace(/[*?[]/g, (special) => `[${special}]`)}*`;
}
