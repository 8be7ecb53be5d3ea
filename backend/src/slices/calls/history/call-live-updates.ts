import {
  callHistoryProjector,
  CallHistoryEntryEntity,
  type CallHistoryEntry,
} from '@curbe-voice/projections/read-models/call-history';
import { stringField, type LiveReadModel } from '../../../platform/live-updates/live-read-model';
import { toCallView } from './call-view';

/** `event: call` on `/api/events/stream`: a history row, to its agent (or the whole account when shared) and auditors. */
export const callHistoryLiveUpdates: LiveReadModel<CallHistoryEntry> = {
  projector: callHistoryProjector,
  entity: CallHistoryEntryEntity,
  rowKeyOf: (event) => stringField(event.data, 'callSid'),
  toUpdate: (row) =>
    row.accountId ? { kind: 'call', accountId: row.accountId, agentId: row.agentId, data: toCallView(row) } : null,
};
