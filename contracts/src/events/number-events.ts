import { Type, type Static } from '@sinclair/typebox';

/**
 * Events of the `number-{e164}` stream: a phone number's life in one account — ordered at Telnyx,
 * pointed at the account's TeXML application, given to (and taken from) at most one agent, released.
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
