import { EntitySchema } from '@mikro-orm/core';

/** One row per phone number an account ordered or adopted (released, failed and missing ones stay, marked so). */
export interface NumberView {
  phoneNumber: string;
  accountId: string;
  /** Null while the order is pending, or when it failed. */
  phoneNumberId: string | null;
  numberOrderId: string | null;
  /** `pending` | `active` | `failed` | `released` | `missing`. */
  status: string;
  /** Telnyx's reason, when the order failed. */
  failureReason: string | null;
  texmlApplicationId: string | null;
  agentId: string | null;
  agentName: string | null;
  orderedAt: string;
  updatedAt: string;
}

export const NumberViewEntity = new EntitySchema<NumberView>({
  name: 'NumberView',
  tableName: 'number_view',
  properties: {
    phoneNumber: { type: 'string', length: 20, primary: true },
    accountId: { type: 'string', length: 64, index: true },
    phoneNumberId: { type: 'string', length: 100, nullable: true },
    numberOrderId: { type: 'string', length: 100, nullable: true },
    status: { type: 'string', length: 20 },
    failureReason: { type: 'string', length: 500, nullable: true },
    texmlApplicationId: { type: 'string', length: 100, nullable: true },
    agentId: { type: 'string', length: 64, nullable: true },
    agentName: { type: 'string', length: 200, nullable: true },
    orderedAt: { type: 'string', length: 40 },
    updatedAt: { type: 'string', length: 40 },
  },
});

/** The names of account members, so a number row can show whom it rings. */
export interface NumberAgentName {
  userId: string;
  displayName: string;
}

export const NumberAgentNameEntity = new EntitySchema<NumberAgentName>({
  name: 'NumberAgentName',
  tableName: 'number_agent_name',
  properties: {
    userId: { type: 'string', length: 64, primary: true },
    displayName: { type: 'string', length: 200 },
  },
});
