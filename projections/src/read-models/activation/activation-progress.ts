import { ACTIVATION_STEPS, type ActivationStep } from '@curbe-voice/contracts';
import type { ActivationView } from './activation-view.entity';

export type StepState = 'done' | 'pending' | 'failed';

export interface StepProgress {
  step: ActivationStep;
  state: StepState;
  /** e.g. "1 of 2 agents" for the counted steps. */
  detail?: string;
}

/** Per-step progress as the activation page shows it, derived from the row. */
export function activationProgress(view: ActivationView): StepProgress[] {
  const done: Record<ActivationStep, boolean> = {
    outbound_voice_profile: view.outboundVoiceProfileId !== null,
    texml_application: view.texmlApplicationId !== null,
    credential_connection: view.credentialConnectionId !== null,
    agent_credentials: view.agentsProvisioned >= view.agentsTotal && view.credentialConnectionId !== null,
    number_attachment: view.status === 'completed',
  };
  return ACTIVATION_STEPS.map((step) => {
    const state: StepState =
      view.status === 'failed' && view.failedStep === step ? 'failed' : done[step] ? 'done' : 'pending';
    if (step === 'agent_credentials')
      return { step, state, detail: `${view.agentsProvisioned} of ${view.agentsTotal} agents` };
    if (step === 'number_attachment') return { step, state, detail: `${view.numbersAttached} attached` };
    return { step, state };
  });
}
