import { callStreamName } from '@curbe-voice/contracts';
import type { EventStore } from '@curbe-voice/event-store';
import { handleCommand, loadStream, type LoadedState } from '../../platform/event-sourcing/command-handler';
import { callDecider, type CallCommand, type DecidedCallEvent } from './call-decider';
import { callEventIds } from './call-event-ids';
import type { CallState } from './call-state';

export const CALL_EVENTS_SCHEMA_VERSION = 1;

/** Concurrent callbacks for one call race for the stream; the loser re-reads and decides again. */
const MAX_ATTEMPTS = 10;

export interface CallCommandResult {
  /** What this command added (empty for a duplicate or stale callback). */
  appended: DecidedCallEvent[];
  /** The call after the command. */
  state: CallState;
}

/** A call's stream, run through the call decider by the shared command handler. */
export class CallStreams {
  constructor(private readonly store: EventStore) {}

  load(callSid: string): Promise<LoadedState<CallState>> {
    return loadStream(this.store, callStreamName(callSid), callDecider(callSid));
  }

  /**
   * `correlationId`: the request (webhook) that caused the command; work that no request caused
   * (a resumed copy, the retention purge) falls back to the call's own correlation id.
   */
  async execute(
    callSid: string,
    command: CallCommand,
    actor = 'telnyx',
    correlationId?: string,
  ): Promise<CallCommandResult> {
    const { events, state } = await handleCommand(this.store, callStreamName(callSid), callDecider(callSid), command, {
      metadata: { actor, correlationId: correlationId ?? callEventIds.correlation(callSid), causationId: null },
      schemaVersion: CALL_EVENTS_SCHEMA_VERSION,
      maxAttempts: MAX_ATTEMPTS,
    });
    return { appended: events, state };
  }
}
