import { EntitySchema } from '@mikro-orm/core';

/** One row per agency, for the platform operators' list: who it is, its Telnyx account, its size. */
export interface AgencyView {
  accountId: string;
  name: string;
  /** The agency's Telnyx managed account. */
  telnyxAccountId: string;
  /** When the agency was registered (ISO 8601). */
  createdAt: string;
  /** Admins, agents and auditors currently in the agency. */
  memberCount: number;
}

export const AgencyViewEntity = new EntitySchema<AgencyView>({
  name: 'AgencyView',
  tableName: 'agency_view',
  properties: {
    accountId: { type: 'string', length: 64, primary: true },
    name: { type: 'string', length: 200 },
    telnyxAccountId: { type: 'string', length: 100 },
    createdAt: { type: 'string', length: 40 },
    memberCount: { type: 'integer' },
  },
});
