import type { AllPosition } from '@curbe-voice/event-store';

/**
 * How far the read models have caught up with the event store. In-process it is the projection runner
 * itself; with an external projections worker it is read from the checkpoints the worker commits.
 */
export interface ProjectionProgress {
  /** Resolves once every projector has applied everything up to `position` that concerns it; rejects after `timeoutMs`. */
  waitFor(position: AllPosition, timeoutMs?: number): Promise<void>;
}
