import { callStreamName, type CallEvent } from '@curbe-voice/contracts';
import {
  DuplicateEventIdError,
  WrongExpectedVersionError,
  type EventStore,
  type NewEvent,
  type RecordedEvent,
} from '@curbe-voice/event-store';
import { decideCall, type CallCommand, type DecidedCallEvent } from './call-decider';
import { callEventIds } from './call-event-ids';
import { evolveCall, initialCallState, type CallState } from './call-state';

export const CALL_EVENTS_SCHEMA_VERSION = 1;

/** Concurrent callbacks for one call race for the stream; the loser re-reads and decides again. */
const MAX_ATTEMPTS = 10;

export interface CallCommandResult {
  /** What this command added (empty for a duplicate or stale callback). */
  appended: DecidedCallEvent[];
  /** The call after the command. */
  state: CallState;
}

/** Loads a call's stream, decides and appends with the expected revision: read → fold → decide → append. */
export class CallStreams {
  constructor(private readonly store: EventStore) {}

  async load(callSid: string): Promise<{ state: CallState; revision: number | 'no_stream' }> {
    const events = await this.store.readStream(callStreamName(callSid));
    return { state: events.reduce(foldRecorded, initialCallState(callSid)), revision: events.at(-1)?.revision ?? 'no_stream' };
  }

  /**
   * `correlationId`: the request (webhook) that caused the command; work that no request caused
   * (a resumed copy, the retention purge) falls back to the call's own correlation id.
   */
  async execute(callSid: string, command: CallCommand, actor = 'telnyx', correlationId?: string): Promise<CallCommandResult> {
    for (let attempt = 1; ; attempt++) {
      const { state, revision } = await this.load(callSid);
      const decided = decideCall(command, state);
      if (decided.length === 0) return { appended: [], state };
      try {
        await this.store.appendToStream(
          callStreamName(callSid),
          decided.map((event) => toNewEvent(callSid, event, actor, correlationId)),
          { expectedRevision: revision },
        );
        return { appended: decided, state: decided.reduce(evolveCall, state) };
      } catch (error) {
        // Stored meanwhile by a concurrent delivery of the same callback: nothing left to add.
        if (error instanceof DuplicateEventIdError) return { appended: [], state: (await this.load(callSid)).state };
        if (!(error instanceof WrongExpectedVersionError) || attempt >= MAX_ATTEMPTS) throw error;
      }
    }
  }
}

function foldRecorded(state: CallState, event: RecordedEvent): CallState {
  return evolveCall(state, { id: event.id, type: event.type, data: event.data } as CallEvent & { id: string });
}

function toNewEvent(callSid: string, event: DecidedCallEvent, actor: string, correlationId: string | undefined): NewEvent {
  return {
    id: event.id,
    type: event.type,
    data: event.data,
    metadata: {
      actor,
      correlationId: correlationId ?? callEventIds.correlation(callSid),
      causationId: null,
      occurredAt: event.occurredAt ?? new Date().toISOString(),
      schemaVersion: CALL_EVENTS_SCHEMA_VERSION,
    },
  };
}
