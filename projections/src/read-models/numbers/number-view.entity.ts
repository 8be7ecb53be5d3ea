import { EntitySchema } from '@mikro-orm/core';

/** One row per phone number an account ordered (released ones stay, marked released). */
export interface NumberView {
  phoneNumber: string;
  accountId: string;
  phoneNumberId: string;
  numberOrderId: string | null;
  /** `active` | `released`. */
  status: string;
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
    phoneNumberId: { type: 'string', length: 100 },
    numberOrderId: { type: 'string', length: 100, nullable: true },
    status: { type: 'string', length: 20 },
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
