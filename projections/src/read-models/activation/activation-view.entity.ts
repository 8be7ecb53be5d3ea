import { EntitySchema } from '@mikro-orm/core';
import type { ActivationStep, TelnyxErrorDetail } from '@curbe-voice/contracts';

/** One row per account: where its Telnyx activation stands, step by step, and why it last failed. */
export interface ActivationView {
  accountId: string;
  accountName: string;
  /** `not_requested` | `in_progress` | `completed` | `failed`. */
  status: string;
  attempt: number;
  outboundVoiceProfileId: string | null;
  texmlApplicationId: string | null;
  credentialConnectionId: string | null;
  agentsTotal: number;
  agentsProvisioned: number;
  numbersAttached: number;
  failedStep: ActivationStep | null;
  failureStatus: number | null;
  failureMessage: string | null;
  failureErrors: TelnyxErrorDetail[] | null;
  requestedAt: string | null;
  completedAt: string | null;
  updatedAt: string;
}

export const ActivationViewEntity = new EntitySchema<ActivationView>({
  name: 'ActivationView',
  tableName: 'activation_view',
  properties: {
    accountId: { type: 'string', length: 64, primary: true },
    accountName: { type: 'string', length: 200 },
    status: { type: 'string', length: 20 },
    attempt: { type: 'integer' },
    outboundVoiceProfileId: { type: 'string', length: 100, nullable: true },
    texmlApplicationId: { type: 'string', length: 100, nullable: true },
    credentialConnectionId: { type: 'string', length: 100, nullable: true },
    agentsTotal: { type: 'integer' },
    agentsProvisioned: { type: 'integer' },
    numbersAttached: { type: 'integer' },
    failedStep: { type: 'string', length: 40, nullable: true },
    failureStatus: { type: 'integer', nullable: true },
    failureMessage: { type: 'text', nullable: true },
    failureErrors: { type: 'json', nullable: true },
    requestedAt: { type: 'string', length: 40, nullable: true },
    completedAt: { type: 'string', length: 40, nullable: true },
    updatedAt: { type: 'string', length: 40 },
  },
});
