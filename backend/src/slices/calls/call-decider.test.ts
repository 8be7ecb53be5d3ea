import type { CallEventData } from '@curbe-voice/contracts';
import { describe, it } from 'vitest';
import { deciderSpecification } from '../../platform/event-sourcing/decider-specification';
import { callDecider, type DecidedCallEvent } from './call-decider';
import { callEventIds } from './call-event-ids';

const SID = 'CA-1';
const spec = deciderSpecification(callDecider(SID));

const routing: CallEventData<'CallRouted'> = {
  callSid: SID,
  accountId: 'a1',
  direction: 'inbound',
  agentId: 'ana',
  ourNumber: '+13125550101',
  otherParty: '+13125550199',
  route: 'agent',
  dialTarget: 'sip:ana@sip.telnyx.com',
  voicemailReason: null,
};
const routed: DecidedCallEvent = { id: callEventIds.routed(SID), type: 'CallRouted', data: routing };
const refusal: CallEventData<'CallRefused'> = {
  callSid: SID,
  accountId: null,
  direction: 'outbound',
  agentId: 'ana',
  ourNumber: null,
  otherParty: '+4420',
  reason: 'destination_not_allowed',
  country: 'GB',
  message: 'no',
};

const statusData = (
  status: CallEventData<'CallStatusChanged'>['status'],
  sequenceNumber: number,
): CallEventData<'CallStatusChanged'> => ({
  callSid: SID,
  status,
  sequenceNumber,
  at: `2024-01-01T00:00:0${sequenceNumber}.000Z`,
  initiatedAt: null,
  durationSec: null,
  hangupCause: null,
  dialCallStatus: null,
  dialCallDurationSec: null,
  from: '+13125550199',
  to: '+13125550101',
});
const statusEvent = (
  status: CallEventData<'CallStatusChanged'>['status'],
  sequenceNumber: number,
): DecidedCallEvent => ({
  id: callEventIds.status(SID, status, sequenceNumber),
  type: 'CallStatusChanged',
  data: statusData(status, sequenceNumber),
  occurredAt: statusData(status, sequenceNumber).at,
});

const dial = (dialCallStatus: string, callerStillOnLine: boolean) =>
  ({
    type: 'RecordDialResult',
    data: {
      callSid: SID,
      dialCallSid: 'CA-leg',
      dialCallStatus,
      dialCallDurationSec: 0,
      at: '2024-01-01T00:00:09.000Z',
      callerStillOnLine,
    },
  }) as const;
const dialCompleted = (dialCallStatus: string, sentToVoicemail: boolean): DecidedCallEvent => ({
  id: callEventIds.dial(SID, 'CA-leg'),
  type: 'DialCompleted',
  data: {
    callSid: SID,
    dialCallSid: 'CA-leg',
    dialCallStatus,
    dialCallDurationSec: 0,
    at: '2024-01-01T00:00:09.000Z',
    sentToVoicemail,
  },
});

const recording = (source: string | null) =>
  ({
    type: 'RecordRecording',
    data: { callSid: SID, recordingSid: 'RE-1', channels: 1, durationSec: 12, sourceUrl: 'https://x/RE-1.mp3', source },
  }) as const;
const recorded = (kind: 'voicemail' | 'conversation', source: string | null = null): DecidedCallEvent => ({
  id: callEventIds.recording('RE-1'),
  type: 'RecordingCompleted',
  data: { ...recording(source).data, kind },
});
const stored: DecidedCallEvent = {
  id: callEventIds.recordingStored('RE-1'),
  type: 'RecordingStored',
  data: {
    callSid: SID,
    recordingSid: 'RE-1',
    storageKey: 'k',
    contentType: 'audio/mpeg',
    sizeBytes: 3,
    sha256: 'a'.repeat(64),
  },
};

describe('call decider', () => {
  it('routes or refuses a call once; a second decision adds nothing', () => {
    spec.given([]).when({ type: 'RouteCall', data: routing }).then([routed]);
    spec.given([routed]).when({ type: 'RouteCall', data: routing }).thenNothing();
    spec.given([routed]).when({ type: 'RefuseCall', data: refusal }).thenNothing();
    spec
      .given([])
      .when({ type: 'RefuseCall', data: refusal })
      .then([{ id: callEventIds.refused(SID), type: 'CallRefused', data: refusal }]);
  });

  it('records statuses only forwards, at the time Telnyx reports', () => {
    spec
      .given([routed])
      .when({ type: 'RecordStatus', data: statusData('ringing', 2) })
      .then([statusEvent('ringing', 2)]);
    // Late delivery of an earlier status, and a redelivery of the same one.
    spec
      .given([routed, statusEvent('in-progress', 3)])
      .when({ type: 'RecordStatus', data: statusData('ringing', 2) })
      .thenNothing();
    spec
      .given([routed, statusEvent('in-progress', 3)])
      .when({ type: 'RecordStatus', data: statusData('in-progress', 3) })
      .thenNothing();
    // Every final status ranks the same: the first one decides how the call ended.
    spec
      .given([routed, statusEvent('completed', 4)])
      .when({ type: 'RecordStatus', data: statusData('failed', 5) })
      .thenNothing();
  });

  it('sends an inbound caller still on the line to voicemail after an unanswered dial, once', () => {
    spec
      .given([routed])
      .when(dial('no-answer', true))
      .then([dialCompleted('no-answer', true)]);
    spec
      .given([routed])
      .when(dial('no-answer', false))
      .then([dialCompleted('no-answer', false)]);
    spec
      .given([routed])
      .when(dial('completed', true))
      .then([dialCompleted('completed', false)]);
    spec
      .given([routed, dialCompleted('busy', true)])
      .when(dial('busy', true))
      .thenNothing();
  });

  it('tells a voicemail from a conversation by the source, else by how the call went', () => {
    spec
      .given([routed])
      .when(recording('RecordVerb'))
      .then([recorded('voicemail', 'RecordVerb')]);
    spec
      .given([routed])
      .when(recording(null))
      .then([recorded('conversation')]);
    spec
      .given([routed, dialCompleted('no-answer', true)])
      .when(recording(null))
      .then([recorded('voicemail')]);
    spec
      .given([routed, dialCompleted('completed', false)])
      .when(recording(null))
      .then([recorded('conversation')]);
    spec
      .given([routed, recorded('conversation')])
      .when(recording(null))
      .thenNothing();
  });

  it('marks a recording stored once, and purges only a stored copy', () => {
    const store = { type: 'MarkRecordingStored', data: stored.data } as const;
    spec.given([routed]).when(store).thenNothing();
    spec
      .given([routed, recorded('conversation')])
      .when(store)
      .then([stored]);
    spec
      .given([routed, recorded('conversation'), stored])
      .when(store)
      .thenNothing();
    const purge = {
      type: 'MarkRecordingPurged',
      data: {
        callSid: SID,
        recordingSid: 'RE-1',
        storageKey: 'k',
        sizeBytes: 3,
        sha256: 'a'.repeat(64),
        reason: 'retention',
        retentionDays: 30,
        purgedAt: '2024-03-01T00:00:00.000Z',
      },
    } as const;
    spec
      .given([routed, recorded('conversation')])
      .when(purge)
      .thenNothing();
    spec
      .given([routed, recorded('conversation'), stored])
      .when(purge)
      .then([
        {
          id: callEventIds.recordingPurged('RE-1'),
          type: 'RecordingPurged',
          data: purge.data,
          occurredAt: purge.data.purgedAt,
        },
      ]);
  });
});
