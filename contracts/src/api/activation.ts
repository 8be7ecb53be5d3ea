import { Type, type Static } from '@sinclair/typebox';
import { ActivationStepSchema, TelnyxErrorDetailSchema } from '../events/account-events';

/**
 * The activation API's answers (`/api/accounts/:id/activation`): the backend validates its
 * responses against these schemas and the web app reads them through their `Static` types.
 */

export const ActivationStatusSchema = Type.Union([
  Type.Literal('not_requested'),
  Type.Literal('in_progress'),
  Type.Literal('completed'),
  Type.Literal('failed'),
]);
export type ActivationStatus = Static<typeof ActivationStatusSchema>;

/** `POST`: the activation was started (or retried); its progress follows through `GET`. */
export const ActivationAcceptedSchema = Type.Object({
  accountId: Type.String(),
  status: ActivationStatusSchema,
  attempt: Type.Integer(),
});
export type ActivationAccepted = Static<typeof ActivationAcceptedSchema>;

/** `GET`: where the activation stands, step by step, with Telnyx's refusal when a step failed. */
export const ActivationProgressSchema = Type.Object({
  accountId: Type.String(),
  accountName: Type.String(),
  status: ActivationStatusSchema,
  attempt: Type.Integer(),
  steps: Type.Array(
    Type.Object({
      step: ActivationStepSchema,
      state: Type.Union([Type.Literal('done'), Type.Literal('pending'), Type.Literal('failed')]),
      detail: Type.Optional(Type.String()),
    }),
  ),
  error: Type.Optional(
    Type.Object({
      step: ActivationStepSchema,
      status: Type.Optional(Type.Integer()),
      message: Type.String(),
      errors: Type.Array(TelnyxErrorDetailSchema),
    }),
  ),
  updatedAt: Type.String(),
});
export type ActivationProgress = Static<typeof ActivationProgressSchema>;
