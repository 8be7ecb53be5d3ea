import type { RecordedEvent } from '@curbe-voice/event-store';

/** A projector failed on one event of a batch; `index` says which, so the events before it can still commit. */
export class EventApplyError extends Error {
  override readonly name = 'EventApplyError';
  constructor(
    readonly index: number,
    readonly event: RecordedEvent,
    override readonly cause: unknown,
  ) {
    super(`Applying ${event.type} ${event.id} failed: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
}

/** The stored checkpoint is no longer where this runner left it: another runner applied those events. */
export class CheckpointMovedError extends Error {
  override readonly name = 'CheckpointMovedError';
  constructor(readonly projectorName: string) {
    super(`The checkpoint of ${projectorName} was moved by another runner`);
  }
}
