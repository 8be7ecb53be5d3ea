import { TelnyxPermanentError, TelnyxTransientError } from '../../platform/telnyx/telnyx-errors';
import type { ActivationOutcome } from './activation-outcome';
import { nextStep, type ActivationState } from './activation-state';
import { runStep, type StepContext } from './activation-steps';

/**
 * Runs the next missing step until every resource exists (then records completion) or Telnyx refuses
 * one (then records the failure with its step, for a later request to resume from).
 */
export async function runActivation(start: ActivationState, ctx: StepContext): Promise<ActivationOutcome> {
  let state = start;
  let numbersDone = false;
  for (;;) {
    const next = nextStep(state, numbersDone);
    if (next.step === 'complete')
      return { outcome: 'completed', state: await ctx.record({ type: 'CompleteActivation' }) };
    try {
      state = await runStep(next, state, ctx);
      if (next.step === 'number_attachment') numbersDone = true;
    } catch (error) {
      if (!(error instanceof TelnyxPermanentError || error instanceof TelnyxTransientError)) throw error;
      state = await ctx.record({
        type: 'FailActivation',
        step: next.step,
        status: error.status,
        errors: error.errors,
        message: error.message,
        transient: error instanceof TelnyxTransientError,
      });
      return { outcome: 'failed', state, failure: state.lastFailure! };
    }
  }
}
