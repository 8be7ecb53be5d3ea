import { Type, type Static } from '@sinclair/typebox';

/**
 * Events of the `number-{e164}` stream: a phone number's life in one account — ordered at Telnyx,
 * ordered and pending (then complete or failed), or adopted from the managed account; pointed at the account's TeXML application, given to (and taken from) at most one agent, released.
 * Every event names the account, so the audit trail can tell which account a number belonged to.
 */

export const numberStreamName = (e164: string): string => `number-${e164}`;
export const NUMBER_STREAM_PREFIX = 'number-';

export const NumberOrderedSchema = Type.Object({
  accountId: Type.String(),
  phoneNumber: Type.String(),
  /** Telnyx's phone number id (what updates and releases address). */
  phoneNumberId: Type.String(),
  /** The Telnyx number order; null when the account already owned the number at Telnyx and it was taken over. */
  numberOrderId: Type.Union([Type.String(), Type.Null()]),
  adopted: Type.Boolean(),
});

/** The number was ordered at Telnyx and the order is pending: not the account's yet, not assignable. */
export const NumberOrderPlacedSchema = Type.Object({
  accountId: Type.String(),
  phoneNumber: Type.String(),
  numberOrderId: Type.String(),
});

/** Telnyx could not complete the number order; the number was never the account's. */
export const NumberOrderFailedSchema = Type.Object({
  accountId: Type.String(),
  phoneNumber: Type.String(),
  numberOrderId: Type.String(),
  /** What Telnyx said, as the numbers list shows it. */
  reason: Type.String(),
});

/** A sync found the number gone from the managed account at Telnyx (released outside the product). */
export const NumberMissingAtTelnyxSchema = Type.Object({
  accountId: Type.String(),
  phoneNumber: Type.String(),
  phoneNumberId: Type.String(),
});

export const NumberAttachedToApplicationSchema = Type.Object({
  accountId: Type.String(),
  phoneNumber: Type.String(),
  phoneNumberId: Type.String(),
  /** The account's TeXML application: inbound calls to the number reach our webhooks through it. */
  texmlApplicationId: Type.String(),
});

export const NumberAssignedToAgentSchema = Type.Object({
  accountId: Type.String(),
  phoneNumber: Type.String(),
  /** The agent's user id (an `agent-{userId}` stream). */
  agentId: Type.String(),
});

export const NumberUnassignedFromAgentSchema = Type.Object({
  accountId: Type.String(),
  phoneNumber: Type.String(),
  agentId: Type.String(),
});

export const NumberReleasedSchema = Type.Object({
  accountId: Type.String(),
  phoneNumber: Type.String(),
  phoneNumberId: Type.String(),
});

export const NumberEventSchemas = {
  NumberOrdered: NumberOrderedSchema,
  NumberOrderPlaced: NumberOrderPlacedSchema,
  NumberOrderFailed: NumberOrderFailedSchema,
  NumberMissingAtTelnyx: NumberMissingAtTelnyxSchema,
  NumberAttachedToApplication: NumberAttachedToApplicationSchema,
  NumberAssignedToAgent: NumberAssignedToAgentSchema,
  NumberUnassignedFromAgent: NumberUnassignedFromAgentSchema,
  NumberReleased: NumberReleasedSchema,
} as const;

type Schemas = typeof NumberEventSchemas;
export type NumberEventType = keyof Schemas;
export type NumberEvent = { [K in NumberEventType]: { type: K; data: Static<Schemas[K]> } }[NumberEventType];
export type NumberEventData<K extends NumberEventType> = Static<Schemas[K]>;

export const isNumberEventType = (type: string): type is NumberEventType => Object.hasOwn(NumberEventSchemas, type);
