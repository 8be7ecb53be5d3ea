import { ACCOUNT_STREAM_PREFIX, type AccountEventData } from '@curbe-voice/contracts';
import type { Projector } from '../../runner/projector';
import { AgencyViewEntity } from './agency-view.entity';

/** Builds `agency_view` from the account streams: registrations, and members joining and leaving. */
export const agenciesProjector: Projector = {
  name: 'agencies',
  version: 1,
  entities: [AgencyViewEntity],
  filter: { streamNamePrefixes: [ACCOUNT_STREAM_PREFIX] },
  async apply(event, em) {
    if (event.type === 'AccountRegistered') {
      const d = event.data as AccountEventData<'AccountRegistered'>;
      em.create(AgencyViewEntity, {
        accountId: d.accountId,
        name: d.name,
        telnyxAccountId: d.telnyxAccountId,
        createdAt: event.metadata.occurredAt,
        memberCount: 0,
      });
    } else if (event.type === 'AgentAdded' || event.type === 'AgentRemoved') {
      const { accountId } = event.data as AccountEventData<'AgentAdded' | 'AgentRemoved'>;
      const row = await em.findOne(AgencyViewEntity, { accountId });
      if (!row) return;
      row.memberCount = Math.max(0, row.memberCount + (event.type === 'AgentAdded' ? 1 : -1));
    }
  },
};
