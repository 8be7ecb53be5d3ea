import { numbersProjector, NumberViewEntity, type NumberView } from '@curbe-voice/projections/read-models/numbers';
import { stringField, type LiveReadModel } from '../../platform/live-updates/live-read-model';

/**
 * `event: number` on `/api/events/stream`: a number of the account changed (delivered, assigned,
 * released…), to all its members, who may all list the numbers; an agent's header and caller ID follow.
 */
export const numberLiveUpdates: LiveReadModel<NumberView> = {
  projector: numbersProjector,
  entity: NumberViewEntity,
  rowKeyOf: (event) => stringField(event.data, 'phoneNumber'),
  toUpdate: (row) => ({
    kind: 'number',
    accountId: row.accountId,
    agentId: null,
    data: { phoneNumber: row.phoneNumber, status: row.status, agentId: row.agentId },
  }),
};
