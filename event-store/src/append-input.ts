import { describeValue } from './describe-value';
import type { ExpectedRevision, NewEvent } from './port';

/**
 * Checks an append before any adapter touches storage, so bad input fails the same way on every
 * adapter and nothing is half-written. Names and types starting with `$` are reserved for the store.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An event ready for storage: id normalised to lower case, data and metadata already JSON text. */
export interface SerializedEvent {
  id: string;
  type: string;
  data: string;
  metadata: string;
}

export function assertStreamName(streamName: unknown): asserts streamName is string {
  if (typeof streamName !== 'string' || streamName.length === 0) {
    throw new TypeError('Stream name must be a non-empty string');
  }
  if (streamName.startsWith('$')) {
    throw new TypeError(`Stream name ${streamName} is reserved: names starting with "$" belong to the store`);
  }
}

export function assertExpectedRevision(expected: unknown): asserts expected is ExpectedRevision {
  if (expected === 'no_stream' || expected === 'stream_exists' || expected === 'any') return;
  if (typeof expected === 'number' && Number.isSafeInteger(expected) && expected >= 0) return;
  throw new TypeError(
    `Expected revision must be a revision (integer >= 0), "no_stream", "stream_exists" or "any"; got ${String(expected)}`,
  );
}

/** Validates a whole append and serialises its events; throws a TypeError naming the first problem. */
export function serializeAppend(
  streamName: string,
  events: readonly NewEvent[],
  expectedRevision: unknown,
): SerializedEvent[] {
  assertStreamName(streamName);
  assertExpectedRevision(expectedRevision);
  // Callers outside TypeScript may pass anything: the events are checked as unknown input.
  const candidates: unknown = events;
  if (!isList(candidates) || candidates.length === 0) {
    throw new TypeError(`Append to ${streamName} needs at least one event`);
  }
  const seen = new Set<string>();
  const claimId = (id: string) => {
    if (seen.has(id)) throw new TypeError(`Event id ${id} appears twice in one append to ${streamName}`);
    seen.add(id);
  };
  return candidates.map((candidate, index) =>
    serializeEvent(candidate, `event #${index} appended to ${streamName}`, claimId),
  );
}

/**
 * Checks one event of an append (`where` names it in the messages) and serialises it; `claimId` rejects an id
 * already taken by an earlier event of the same append.
 */
function serializeEvent(event: unknown, where: string, claimId: (id: string) => void): SerializedEvent {
  const rawId = field(event, 'id');
  if (typeof rawId !== 'string' || !UUID.test(rawId)) {
    throw new TypeError(`The id of ${where} must be a UUID; got ${String(rawId)}`);
  }
  const id = rawId.toLowerCase();
  claimId(id);
  const type = field(event, 'type');
  if (typeof type !== 'string' || type.length === 0) {
    throw new TypeError(`The type of ${where} must be a non-empty string`);
  }
  if (type.startsWith('$')) {
    throw new TypeError(`The type ${type} of ${where} is reserved: types starting with "$" belong to the store`);
  }
  const metadata = field(event, 'metadata');
  if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata)) {
    throw new TypeError(`The metadata of ${where} must be an object`);
  }
  const data = field(event, 'data');
  return { id, type, data: toJson(data, `data of ${where}`), metadata: toJson(metadata, `metadata of ${where}`) };
}

function isList(value: unknown): value is readonly unknown[] {
  return Array.isArray(value);
}

/** A property of an unknown value; primitives, null and undefined have none of an event's properties. */
function field(value: unknown, key: string): unknown {
  return isPropertyBag(value) ? value[key] : undefined;
}

function isPropertyBag(value: unknown): value is Readonly<Record<string, unknown>> {
  return (typeof value === 'object' && value !== null) || typeof value === 'function';
}

function toJson(value: unknown, what: string): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch (error) {
    throw new TypeError(`The ${what} is not JSON-serialisable: ${(error as Error).message}`);
  }
  if (text === undefined) throw new TypeError(`The ${what} is not JSON-serialisable`);
  return text;
}

/** Whether a stream whose last revision is `current` (undefined = no stream) satisfies `expected`. */
export function satisfiesExpectedRevision(expected: ExpectedRevision, current: number | undefined): boolean {
  switch (expected) {
    case 'any':
      return true;
    case 'no_stream':
      return current === undefined;
    case 'stream_exists':
      return current !== undefined;
    default:
      return current === expected;
  }
}

export function assertMaxCount(maxCount: unknown): void {
  if (maxCount === undefined) return;
  if (typeof maxCount !== 'number' || !Number.isSafeInteger(maxCount) || maxCount < 0) {
    throw new TypeError(`maxCount must be an integer >= 0; got ${describeValue(maxCount)}`);
  }
}
