import type { RecordedEvent } from '@curbe-voice/event-store';
import { describe, expect, it } from 'vitest';
import { projectorTestDatabase } from '../../testing/projector-test-database';
import { readModelBackends } from '../../testing/read-model-backends';
import { recordedEvent } from '../../testing/test-events';
import { CallHistoryEntryEntity } from './call-history-entry.entity';
import { callHistoryProjector } from './call-history-projector';

/** A verified Telnyx callback about one call, as its call stream holds it. */
const recorded = (callSid: string, type: string, data: object, occurredAt: string): RecordedEvent =>
  recordedEvent(`call-${callSid}`, type, { callSid, ...data }, { actor: 'telnyx', occurredAt });

const status = (callSid: string, value: string, at: string, extra: object = {}) =>
  recorded(
    callSid,
    'CallStatusChanged',
    {
      status: value,
      sequenceNumber: null,
      at,
      initiatedAt: '2030-01-01T10:00:00.000Z',
      durationSec: null,
      hangupCause: null,
      dialCallStatus: null,
      dialCallDurationSec: null,
      from: '+1',
      to: '+2',
      ...extra,
    },
    at,
  );

function answeredCall(callSid: string): RecordedEvent[] {
  return [
    recorded(
      callSid,
      'CallRouted',
      {
        accountId: 'a1',
        direction: 'inbound',
        agentId: 'u1',
        ourNumber: '+13125550101',
        otherParty: '+17735550100',
        route: 'agent',
        dialTarget: 'sip:x@sip.telnyx.com',
        voicemailReason: null,
      },
      '2030-01-01T10:00:00.100Z',
    ),
    status(callSid, 'ringing', '2030-01-01T10:00:00.200Z'),
    recorded(
      callSid,
      'DialCompleted',
      {
        dialCallSid: 'd',
        dialCallStatus: 'completed',
        dialCallDurationSec: 42,
        sentToVoicemail: false,
        at: '2030-01-01T10:00:50.000Z',
      },
      '2030-01-01T10:00:50.000Z',
    ),
    status(callSid, 'completed', '2030-01-01T10:00:50.000Z', {
      durationSec: 50,
      dialCallStatus: 'completed',
      dialCallDurationSec: 42,
    }),
    recorded(
      callSid,
      'RecordingCompleted',
      {
        recordingSid: 'r1',
        kind: 'conversation',
        channels: 2,
        durationSec: 42,
        sourceUrl: 'http://x',
        source: 'DialVerb',
      },
      '2030-01-01T10:00:51.000Z',
    ),
    recorded(
      callSid,
      'RecordingStored',
      { recordingSid: 'r1', storageKey: 'k', contentType: 'audio/wav', sizeBytes: 10, sha256: 'a'.repeat(64) },
      '2030-01-01T10:00:52.000Z',
    ),
  ];
}

describe.each(readModelBackends())('call history read model ($name)', (backend) => {
  const { project, em } = projectorTestDatabase(backend, callHistoryProjector);
  const row = async (callSid: string) => {
    const {
      updatedAt: _ignored,
      callSid: _sid,
      ...rest
    } = await em().findOneOrFail(CallHistoryEntryEntity, { callSid });
    return rest;
  };

  it('files an answered call with its times, talk time and stored recording', async () => {
    await project(answeredCall('c1'));
    expect(await row('c1')).toMatchObject({
      outcome: 'answered',
      status: 'completed',
      startedAt: '2030-01-01T10:00:00.000Z',
      answeredAt: '2030-01-01T10:00:08.000Z',
      endedAt: '2030-01-01T10:00:50.000Z',
      durationSec: 50,
      talkSec: 42,
      recordingStored: true,
      recordingKind: 'conversation',
    });
  });

  it('ends up with the same row whatever order the callbacks were stored in', async () => {
    const inOrder = answeredCall('c2');
    await project(inOrder);
    const shuffled = answeredCall('c3');
    await project([shuffled[3]!, shuffled[4]!, shuffled[1]!, shuffled[5]!, shuffled[0]!, shuffled[2]!]);
    expect(await row('c3')).toEqual(await row('c2'));
  });

  it('tells missed, voicemail and rejected calls apart', async () => {
    const routed = (callSid: string) => answeredCall(callSid)[0]!;
    await project([routed('m'), status('m', 'no-answer', '2030-01-01T10:01:00.000Z')]);
    await project([
      routed('v'),
      recorded(
        'v',
        'DialCompleted',
        {
          dialCallSid: 'd',
          dialCallStatus: 'no-answer',
          dialCallDurationSec: 0,
          sentToVoicemail: true,
          at: '2030-01-01T10:00:30.000Z',
        },
        '2030-01-01T10:00:30.000Z',
      ),
      recorded(
        'v',
        'RecordingCompleted',
        {
          recordingSid: 'rv',
          kind: 'voicemail',
          channels: 1,
          durationSec: 9,
          sourceUrl: 'http://x',
          source: 'RecordVerb',
        },
        '2030-01-01T10:00:45.000Z',
      ),
    ]);
    await project([
      recorded(
        'r',
        'CallRefused',
        {
          accountId: 'a1',
          direction: 'outbound',
          agentId: 'u1',
          ourNumber: '+1',
          otherParty: '+44',
          reason: 'destination_not_allowed',
          country: 'GB',
          message: 'no',
        },
        '2030-01-01T10:00:00.000Z',
      ),
      status('r', 'completed', '2030-01-01T10:00:05.000Z'),
    ]);
    expect((await row('m')).outcome).toBe('missed');
    expect((await row('v')).outcome).toBe('voicemail');
    expect((await row('r')).outcome).toBe('rejected');
  });
});
