import type { EventStore } from '@curbe-voice/event-store';
import type { CommandContext } from '../../platform/event-sourcing/event-envelope';
import { ActivationRejected, type ActivationRejection } from './activation-decider';
import type { ActivationOutcome } from './activation-outcome';
import { recordActivation } from './activation-recorder';
import { runActivation } from './activation-run';
import type { ActivationState } from './activation-state';
import type { StepContext } from './activation-steps';
import { loadActivation } from './activation-stream';

export type ActivationClaim =
  { outcome: 'claimed'; state: ActivationState } | Extract<ActivationOutcome, { outcome: ActivationRejection }>;

/**
 * Records the activation request: one winner across instances. A concurrent request that claimed
 * first makes the handler decide again on the fresh stream, which then reports it as in progress.
 */
export async function claimActivation(
  store: EventStore,
  accountId: string,
  context: CommandContext,
): Promise<ActivationClaim> {
  try {
    return {
      outcome: 'claimed',
      state: await recordActivation(store, accountId, { type: 'RequestActivation', accountId }, context),
    };
  } catch (error) {
    if (!(error instanceof ActivationRejected) || error.reason === 'not_in_progress') throw error;
    return { outcome: error.reason, state: (await loadActivation(store, accountId)).state };
  }
}

/**
 * Resumes the activation in progress (e.g. one a crashed process left), or claims a new one first;
 * every run starts from the streams, so it continues exactly where the last recorded step ended.
 */
export async function claimAndRun(
  store: EventStore,
  accountId: string,
  ctx: StepContext,
  context: CommandContext,
): Promise<ActivationOutcome> {
  let { state } = await loadActivation(store, accountId);
  if (state.status !== 'in_progress') {
    const claim = await claimActivation(store, accountId, context);
    if (claim.outcome !== 'claimed') return claim;
    state = (await loadActivation(store, accountId)).state;
  }
  return runActivation(state, ctx);
}
