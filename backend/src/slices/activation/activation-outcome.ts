import type { ActivationRejection } from './activation-decider';
import type { ActivationFailure, ActivationState } from './activation-state';

/** How a run of the activation ended. */
export type ActivationOutcome =
  | { outcome: 'completed'; state: ActivationState }
  | { outcome: 'failed'; state: ActivationState; failure: ActivationFailure }
  | { outcome: Exclude<ActivationRejection, 'not_in_progress'>; state: ActivationState | null };

/** What `POST …/activation` answers: started in the background, or why not. */
export type ActivationRequestResult =
  | { outcome: 'started'; state: ActivationState; done: Promise<ActivationOutcome> }
  | { outcome: Exclude<ActivationRejection, 'not_in_progress'>; state: ActivationState | null };
