import {
  activationProjector,
  ActivationViewEntity,
  type ActivationView,
} from '@curbe-voice/projections/read-models/activation';
import { stringField, type LiveReadModel } from '../../platform/live-updates/live-read-model';

/** `event: activation` on `/api/events/stream`: the account's activation progress, to all its members. */
export const activationLiveUpdates: LiveReadModel<ActivationView> = {
  projector: activationProjector,
  entity: ActivationViewEntity,
  rowKeyOf: (event) => stringField(event.data, 'accountId'),
  toUpdate: (row) => ({ kind: 'activation', accountId: row.accountId, agentId: null, data: { ...row } }),
};
