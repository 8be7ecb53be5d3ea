import type { EntityManager } from '@mikro-orm/core';
import {
  ANSWERED_DIAL_STATUSES,
  CALL_STREAM_PREFIX,
  FINAL_STATUS_RANK,
  statusRank,
  type CallEventData,
  type CallEventType,
} from '@curbe-voice/contracts';
import type { RecordedEvent } from '@curbe-voice/event-store';
import type { Projector } from '../../runner/projector';
import { CallHistoryEntryEntity, type CallHistoryEntry } from './call-history-entry.entity';
import { deriveOutcome } from './call-outcome';

const data = <K extends CallEventType>(event: RecordedEvent, _type: K) => event.data as CallEventData<K>;

/**
 * Builds `call_history` from the `call-{CallSid}` streams: one row per call with who it belongs to,
 * its times, its outcome and its recording. Facts are merged, never overwritten by older ones, so the
 * row ends up the same whatever order Telnyx's callbacks were stored in.
 */
export const callHistoryProjector: Projector = {
  name: 'call-history',
  version: 1,
  entities: [CallHistoryEntryEntity],
  filter: { streamNamePrefixes: [CALL_STREAM_PREFIX] },
  async apply(event, em) {
    const callSid = (event.data as { callSid?: unknown }).callSid;
    if (typeof callSid !== 'string') return;
    const row = await rowFor(em, callSid, event.metadata.occurredAt);
    if (!applyToRow(row, event)) return;
    row.outcome = deriveOutcome({
      refused: row.refusalReason !== null,
      statusRank: row.statusRank,
      status: row.status,
      dialStatus: row.dialStatus,
      sentToVoicemail: row.sentToVoicemail,
      recordingKind: row.recordingKind,
    });
    row.updatedAt = event.metadata.occurredAt;
  },
};

async function rowFor(em: EntityManager, callSid: string, at: string): Promise<CallHistoryEntry> {
  const existing = await em.findOne(CallHistoryEntryEntity, { callSid });
  if (existing) return existing;
  return em.create(CallHistoryEntryEntity, {
    callSid,
    accountId: null,
    agentId: null,
    direction: null,
    ourNumber: null,
    otherParty: null,
    route: null,
    voicemailReason: null,
    refusalReason: null,
    outcome: 'in_progress',
    status: null,
    statusRank: 0,
    dialStatus: null,
    sentToVoicemail: false,
    startedAt: null,
    answeredAt: null,
    endedAt: null,
    durationSec: null,
    talkSec: null,
    recordingSid: null,
    recordingKind: null,
    recordingDurationSec: null,
    recordingStored: false,
    recordingCopyFailed: false,
    recordingStorageKey: null,
    recordingContentType: null,
    recordingSizeBytes: null,
    recordingSha256: null,
    recordingPurgedAt: null,
    updatedAt: at,
  });
}

/** Whose call it is and between which numbers: what routing (or refusing) a call decides. */
function fileCall(
  row: CallHistoryEntry,
  call: Pick<CallHistoryEntry, 'accountId' | 'agentId' | 'direction' | 'ourNumber' | 'otherParty'>,
  decidedAt: string,
): void {
  const { accountId, agentId, direction, ourNumber, otherParty } = call;
  Object.assign(row, { accountId, agentId, direction, ourNumber, otherParty });
  row.startedAt = earliest(row.startedAt, decidedAt);
}

/** Merges one event into the row; false when the event changes nothing. */
function applyToRow(row: CallHistoryEntry, event: RecordedEvent): boolean {
  const at = event.metadata.occurredAt;
  switch (event.type) {
    case 'CallRouted': {
      const d = data(event, 'CallRouted');
      fileCall(row, d, at);
      Object.assign(row, { route: d.route, voicemailReason: d.voicemailReason });
      return true;
    }
    case 'CallRefused': {
      const d = data(event, 'CallRefused');
      fileCall(row, d, at);
      row.refusalReason = d.reason;
      return true;
    }
    case 'CallStatusChanged':
      return applyStatusChanged(row, data(event, 'CallStatusChanged'));
    case 'DialCompleted':
      return applyDialCompleted(row, data(event, 'DialCompleted'));
    case 'RecordingCompleted':
      return applyRecordingCompleted(row, data(event, 'RecordingCompleted'));
    case 'RecordingStored':
      return applyRecordingStored(row, data(event, 'RecordingStored'));
    case 'RecordingCopyFailed':
      return applyRecordingCopyFailed(row, data(event, 'RecordingCopyFailed'));
    case 'RecordingPurged':
      return applyRecordingPurged(row, data(event, 'RecordingPurged'));
    default:
      return false;
  }
}

/** A status only moves forward; the final one also brings the call's end, duration and talk time. */
function applyStatusChanged(row: CallHistoryEntry, d: CallEventData<'CallStatusChanged'>): boolean {
  if (d.initiatedAt) row.startedAt = earliest(row.startedAt, d.initiatedAt);
  const rank = statusRank(d.status);
  if (rank < row.statusRank || (rank === row.statusRank && rank === FINAL_STATUS_RANK)) return true;
  row.status = d.status;
  row.statusRank = rank;
  if (rank === FINAL_STATUS_RANK) {
    row.endedAt = d.at;
    row.durationSec = d.durationSec;
    // The final callback's clock is Telnyx's: its times win over the estimate from the dial action.
    if (d.dialCallStatus) {
      row.dialStatus ??= d.dialCallStatus;
      noteTalkTime(row, d.dialCallStatus, d.dialCallDurationSec ?? 0, d.at);
    }
  }
  return true;
}

function applyDialCompleted(row: CallHistoryEntry, d: CallEventData<'DialCompleted'>): boolean {
  row.dialStatus = d.dialCallStatus;
  row.sentToVoicemail = d.sentToVoicemail;
  // Until (or without, e.g. parked outbound calls) a final status callback, the dial's end is the best estimate.
  if (row.statusRank < FINAL_STATUS_RANK) {
    noteTalkTime(row, d.dialCallStatus, d.dialCallDurationSec, d.at);
    if (!d.sentToVoicemail) row.endedAt = d.at;
  } else if (ANSWERED_DIAL_STATUSES.has(d.dialCallStatus)) {
    row.talkSec ??= d.dialCallDurationSec;
  }
  return true;
}

/** A new recording replaces the copy details of an earlier one. */
function applyRecordingCompleted(row: CallHistoryEntry, d: CallEventData<'RecordingCompleted'>): boolean {
  if (row.recordingSid !== d.recordingSid) {
    Object.assign(row, {
      recordingSid: d.recordingSid,
      recordingStored: false,
      recordingCopyFailed: false,
      recordingStorageKey: null,
      recordingContentType: null,
      recordingSizeBytes: null,
      recordingSha256: null,
    });
  }
  row.recordingKind = d.kind;
  row.recordingDurationSec = d.durationSec;
  return true;
}

function applyRecordingStored(row: CallHistoryEntry, d: CallEventData<'RecordingStored'>): boolean {
  if (row.recordingSid !== null && row.recordingSid !== d.recordingSid) return false;
  Object.assign(row, {
    recordingSid: d.recordingSid,
    recordingStored: true,
    recordingCopyFailed: false,
    recordingStorageKey: d.storageKey,
    recordingContentType: d.contentType,
    recordingSizeBytes: d.sizeBytes,
    recordingSha256: d.sha256,
  });
  return true;
}

function applyRecordingCopyFailed(row: CallHistoryEntry, d: CallEventData<'RecordingCopyFailed'>): boolean {
  if (row.recordingSid !== d.recordingSid || row.recordingStored) return false;
  row.recordingCopyFailed = true;
  return true;
}

function applyRecordingPurged(row: CallHistoryEntry, d: CallEventData<'RecordingPurged'>): boolean {
  if (row.recordingSid !== d.recordingSid) return false;
  Object.assign(row, { recordingStored: false, recordingStorageKey: null, recordingPurgedAt: d.purgedAt });
  return true;
}

function noteTalkTime(row: CallHistoryEntry, dialStatus: string, talkSec: number, endedAt: string): void {
  if (!ANSWERED_DIAL_STATUSES.has(dialStatus)) return;
  row.talkSec = talkSec;
  row.answeredAt = new Date(Date.parse(endedAt) - talkSec * 1000).toISOString();
}

function earliest(current: string | null, candidate: string): string {
  return current === null || candidate < current ? candidate : current;
}
