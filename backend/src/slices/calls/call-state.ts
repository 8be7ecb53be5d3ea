import {
  statusRank,
  type CallDirection,
  type CallEvent,
  type CallRoute,
  type RecordingKind,
} from '@curbe-voice/contracts';

/** One recording of a call, as far as we know it. */
export interface CallRecordingState {
  kind: RecordingKind;
  sourceUrl: string;
  stored: boolean;
  copyFailed: boolean;
  /** Our copy was deleted (retention); what it was is on the stream. */
  purged: boolean;
  storageKey: string | null;
  sizeBytes: number | null;
  sha256: string | null;
}

/** A call folded from its `call-{CallSid}` stream: enough to decide what a new callback adds. */
export interface CallState {
  callSid: string;
  /** Ids of every event already in the stream (a redelivered callback maps to one of them). */
  eventIds: ReadonlySet<string>;
  routed: boolean;
  refused: boolean;
  accountId: string | null;
  agentId: string | null;
  direction: CallDirection | null;
  route: CallRoute | null;
  status: string | null;
  statusRank: number;
  dialStatus: string | null;
  sentToVoicemail: boolean;
  recordings: ReadonlyMap<string, CallRecordingState>;
}

export const initialCallState = (callSid: string): CallState => ({
  callSid,
  eventIds: new Set(),
  routed: false,
  refused: false,
  accountId: null,
  agentId: null,
  direction: null,
  route: null,
  status: null,
  statusRank: 0,
  dialStatus: null,
  sentToVoicemail: false,
  recordings: new Map(),
});

/** Pure: the state after one more event. Statuses only move forwards (by rank). */
export function evolveCall(state: CallState, event: CallEvent & { id: string }): CallState {
  const next: CallState = { ...state, eventIds: new Set(state.eventIds).add(event.id) };
  switch (event.type) {
    case 'CallRouted':
      return {
        ...next,
        routed: true,
        accountId: event.data.accountId,
        agentId: event.data.agentId,
        direction: event.data.direction,
        route: event.data.route,
      };
    case 'CallRefused':
      return {
        ...next,
        refused: true,
        accountId: event.data.accountId,
        agentId: event.data.agentId,
        direction: event.data.direction,
      };
    case 'CallStatusChanged': {
      const rank = statusRank(event.data.status);
      return rank > state.statusRank ? { ...next, status: event.data.status, statusRank: rank } : next;
    }
    case 'DialCompleted':
      return { ...next, dialStatus: event.data.dialCallStatus, sentToVoicemail: event.data.sentToVoicemail };
    case 'RecordingCompleted':
      return withRecording(next, event.data.recordingSid, {
        kind: event.data.kind,
        sourceUrl: event.data.sourceUrl,
        stored: false,
        copyFailed: false,
        purged: false,
        storageKey: null,
        sizeBytes: null,
        sha256: null,
      });
    case 'RecordingStored':
    case 'RecordingCopyFailed': {
      const recording = state.recordings.get(event.data.recordingSid);
      if (!recording) return next;
      return withRecording(
        next,
        event.data.recordingSid,
        event.type === 'RecordingStored'
          ? {
              ...recording,
              stored: true,
              copyFailed: false,
              storageKey: event.data.storageKey,
              sizeBytes: event.data.sizeBytes,
              sha256: event.data.sha256,
            }
          : { ...recording, copyFailed: true },
      );
    }
    case 'RecordingPurged': {
      const recording = state.recordings.get(event.data.recordingSid);
      return recording ? withRecording(next, event.data.recordingSid, { ...recording, purged: true }) : next;
    }
  }
}

function withRecording(state: CallState, recordingSid: string, recording: CallRecordingState): CallState {
  return { ...state, recordings: new Map(state.recordings).set(recordingSid, recording) };
}
