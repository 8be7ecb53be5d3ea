import type { MikroORM } from '@mikro-orm/core';
import type { EventStore } from '@curbe-voice/event-store';
import { NumberViewEntity } from '@curbe-voice/projections/read-models/numbers';
import type { ProjectionProgress } from '../../platform/projection-progress/projection-progress';
import type { TelnyxGateway } from '../../platform/telnyx/telnyx-gateway';
import { NumberService, type NumberServiceDeps } from './number-service';

/** What the number service is built from: the routes and the periodic sync share one recipe. */
export interface NumberServiceWiring {
  eventStore: EventStore;
  accounts: NumberServiceDeps['accounts'];
  /** Each account's number requests go through the gateway with that account's key. */
  telnyxGateway: Pick<TelnyxGateway, 'numbersFor'>;
  readModels: MikroORM;
  projections: Pick<ProjectionProgress, 'waitFor'>;
}

export function buildNumberService(deps: NumberServiceWiring): NumberService {
  const activeRows = (accountId: string) =>
    deps.readModels.em.fork().find(NumberViewEntity, { accountId, status: 'active' });
  return new NumberService({
    store: deps.eventStore,
    accounts: deps.accounts,
    telnyxFor: (apiKey) => deps.telnyxGateway.numbersFor(apiKey),
    activeNumbers: async (accountId) => (await activeRows(accountId)).map((r) => r.phoneNumber),
    // Answer once the read models have the change: the numbers list is read right after it.
    afterAppend: (position) => deps.projections.waitFor(position),
  });
}
