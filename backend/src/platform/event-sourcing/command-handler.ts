import {
  DuplicateEventIdError,
  WrongExpectedVersionError,
  type AppendResult,
  type EventStore,
  type ExpectedRevision,
  type RecordedEvent,
} from '@curbe-voice/event-store';
import { foldEvents, initialStateOf, type DecidedEvent, type Decider } from './decider';
import { toNewEvents, type CommandContext } from './event-envelope';

/** A state folded from the store and the revision to append after it. */
export interface LoadedState<State> {
  state: State;
  /** Usually the last revision read, or `no_stream`. */
  revision: ExpectedRevision;
}

export interface CommandOptions<State, Event extends DecidedEvent> {
  metadata: CommandContext;
  /** Schema version written into each event's metadata; default the current one. */
  schemaVersion?: number;
  /** How often to decide again after another writer moved the stream between read and append. Default 3. */
  maxAttempts?: number;
  /**
   * Loads the state when it spans more than the target stream (e.g. an account and its agents);
   * `revision` must still be the target stream's. Default: fold the target stream with the decider.
   */
  load?: () => Promise<LoadedState<State>>;
  /** Side effects that must happen before the facts are recorded (idempotent: they rerun on a retry). */
  beforeAppend?: (events: Event[], state: State) => Promise<void>;
  /** Runs once the events are stored, before the command answers (e.g. waiting for read models). */
  afterAppend?: (result: AppendResult) => Promise<void>;
}

export interface CommandResult<State, Event> {
  /** What this command added: empty when the decider had nothing to add or the events were already stored. */
  events: Event[];
  /** The state after the command. */
  state: State;
  /** The stream's revision after the command, to append at next. */
  revision: ExpectedRevision;
}

const DEFAULT_MAX_ATTEMPTS = 3;

/** Reads a stream and folds it with the decider (events the decider does not know are skipped). */
export async function loadStream<Command, State, Event extends DecidedEvent>(
  store: EventStore,
  streamName: string,
  decider: Decider<Command, State, Event>,
): Promise<LoadedState<State>> {
  const recorded = await store.readStream(streamName);
  const known = recorded
    .filter((event) => decider.knows?.(event.type) ?? true)
    .map((event) => asDecidedEvent<Event>(event));
  return {
    state: foldEvents(decider, known, initialStateOf(decider)),
    revision: recorded.at(-1)?.revision ?? 'no_stream',
  };
}

/**
 * Read → fold → decide → append at the revision read. When another writer appended first, the
 * command is decided again on the fresh stream; when its events are already stored (a concurrent
 * delivery of the same fact), there is nothing left to do.
 */
export async function handleCommand<Command, State, Event extends DecidedEvent>(
  store: EventStore,
  streamName: string,
  decider: Decider<Command, State, Event>,
  command: Command,
  options: CommandOptions<State, Event>,
): Promise<CommandResult<State, Event>> {
  const load = options.load ?? (() => loadStream(store, streamName, decider));
  const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  for (let attempt = 1; ; attempt++) {
    const { state, revision } = await load();
    const events = decider.decide(command, state);
    if (events.length === 0) return { events, state, revision };
    await options.beforeAppend?.(events, state);
    const newEvents = toNewEvents(events, options.metadata, { schemaVersion: options.schemaVersion });
    let result: AppendResult;
    try {
      result = await store.appendToStream(streamName, newEvents, { expectedRevision: revision });
    } catch (error) {
      if (error instanceof DuplicateEventIdError) return { events: [], ...(await load()) };
      if (!(error instanceof WrongExpectedVersionError) || attempt >= maxAttempts) throw error;
      continue;
    }
    await options.afterAppend?.(result);
    return { events, state: foldEvents(decider, events, state), revision: result.nextExpectedRevision };
  }
}

/**
 * The stored event as the decider's event type. Sound as long as `knows` admits only the decider's
 * types (the contracts' type guards); the id travels along for deciders that dedupe on it.
 */
function asDecidedEvent<Event extends DecidedEvent>(event: RecordedEvent): Event {
  return { id: event.id, type: event.type, data: event.data } as Event;
}
