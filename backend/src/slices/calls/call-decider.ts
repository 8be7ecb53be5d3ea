import {
  ANSWERED_DIAL_STATUSES,
  isCallEventType,
  statusRank,
  type CallEvent,
  type CallEventData,
} from '@curbe-voice/contracts';
import type { Decider } from '../../platform/event-sourcing/decider';
import { callEventIds } from './call-event-ids';
import { evolveCall, initialCallState, type CallState } from './call-state';

/** What the webhooks ask of a call's stream. Each becomes at most the events below, or nothing. */
export type CallCommand =
  | { type: 'RouteCall'; data: CallEventData<'CallRouted'> }
  | { type: 'RefuseCall'; data: CallEventData<'CallRefused'> }
  | { type: 'RecordStatus'; data: CallEventData<'CallStatusChanged'> }
  | {
      type: 'RecordDialResult';
      data: Omit<CallEventData<'DialCompleted'>, 'sentToVoicemail'> & { callerStillOnLine: boolean };
    }
  | {
      type: 'RecordRecording';
      data: Omit<CallEventData<'RecordingCompleted'>, 'kind'>;
    }
  | { type: 'MarkRecordingStored'; data: CallEventData<'RecordingStored'> }
  | { type: 'MarkRecordingCopyFailed'; data: CallEventData<'RecordingCopyFailed'> }
  | { type: 'MarkRecordingPurged'; data: CallEventData<'RecordingPurged'> };

export type DecidedCallEvent = CallEvent & { id: string; occurredAt?: string };

/** Dial outcomes after which an inbound caller is offered voicemail. */
const UNANSWERED_DIAL_STATUSES: ReadonlySet<string> = new Set(['no-answer', 'busy', 'failed']);

/**
 * Pure: the events a command adds to the call. A callback already recorded (same derived id), a
 * status older than the one known, or a second routing decision adds nothing.
 */
export function decideCall(command: CallCommand, state: CallState): DecidedCallEvent[] {
  const fresh = (event: DecidedCallEvent): DecidedCallEvent[] => (state.eventIds.has(event.id) ? [] : [event]);
  switch (command.type) {
    case 'RouteCall':
      if (state.routed || state.refused) return [];
      return fresh({ id: callEventIds.routed(state.callSid), type: 'CallRouted', data: command.data });
    case 'RefuseCall':
      if (state.routed || state.refused) return [];
      return fresh({ id: callEventIds.refused(state.callSid), type: 'CallRefused', data: command.data });
    case 'RecordStatus': {
      const { data } = command;
      if (statusRank(data.status) <= state.statusRank) return [];
      return fresh({
        id: callEventIds.status(state.callSid, data.status, data.sequenceNumber),
        type: 'CallStatusChanged',
        data,
        occurredAt: data.at,
      });
    }
    case 'RecordDialResult': {
      const { callerStillOnLine, ...data } = command.data;
      if (state.dialStatus !== null) return [];
      const sentToVoicemail =
        state.direction === 'inbound' && callerStillOnLine && UNANSWERED_DIAL_STATUSES.has(data.dialCallStatus);
      return fresh({
        id: callEventIds.dial(state.callSid, data.dialCallSid),
        type: 'DialCompleted',
        data: { ...data, sentToVoicemail },
      });
    }
    case 'RecordRecording': {
      if (state.recordings.has(command.data.recordingSid)) return [];
      return fresh({
        id: callEventIds.recording(command.data.recordingSid),
        type: 'RecordingCompleted',
        data: { ...command.data, kind: recordingKind(command.data.source, state) },
      });
    }
    case 'MarkRecordingStored': {
      const recording = state.recordings.get(command.data.recordingSid);
      if (!recording || recording.stored) return [];
      return fresh({
        id: callEventIds.recordingStored(command.data.recordingSid),
        type: 'RecordingStored',
        data: command.data,
      });
    }
    case 'MarkRecordingCopyFailed': {
      const recording = state.recordings.get(command.data.recordingSid);
      if (!recording || recording.stored || recording.copyFailed) return [];
      return fresh({
        id: callEventIds.recordingCopyFailed(command.data.recordingSid),
        type: 'RecordingCopyFailed',
        data: command.data,
      });
    }
    case 'MarkRecordingPurged': {
      const recording = state.recordings.get(command.data.recordingSid);
      if (!recording || !recording.stored || recording.purged) return [];
      return fresh({
        id: callEventIds.recordingPurged(command.data.recordingSid),
        type: 'RecordingPurged',
        data: command.data,
        occurredAt: command.data.purgedAt,
      });
    }
  }
}

/**
 * `<Record>` makes voicemails and `<Dial record=…>` records conversations. Telnyx names the source;
 * when it does not, a call that went to voicemail (directly or after an unanswered dial) and was
 * never answered is a voicemail.
 */
function recordingKind(source: string | null, state: CallState): 'voicemail' | 'conversation' {
  if (source === 'RecordVerb') return 'voicemail';
  if (source === 'DialVerb') return 'conversation';
  const answered = state.dialStatus !== null && ANSWERED_DIAL_STATUSES.has(state.dialStatus);
  return !answered && (state.route === 'voicemail' || state.sentToVoicemail) ? 'voicemail' : 'conversation';
}

/** The rules of one call's `call-{CallSid}` stream; its ids are derived from the CallSid. */
export function callDecider(callSid: string): Decider<CallCommand, CallState, DecidedCallEvent> {
  return {
    decide: decideCall,
    evolve: evolveCall,
    initialState: () => initialCallState(callSid),
    knows: isCallEventType,
  };
}
