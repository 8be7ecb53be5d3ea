import { describe, expect, it } from 'vitest';
import type { CallView } from '../api/types';
import { mergeCall, outcomeLabel, toCallRecord } from './call-record';

const view = (over: Partial<CallView>): CallView => ({
  callSid: 'CA1',
  direction: 'outbound',
  agentId: 'ana',
  otherParty: '+13125550199',
  ourNumber: '+13055550100',
  outcome: 'answered',
  reason: null,
  status: 'completed',
  startedAt: '2025-06-01T12:00:00.000Z',
  answeredAt: '2025-06-01T12:00:05.000Z',
  endedAt: '2025-06-01T12:01:05.000Z',
  durationSec: 65,
  talkSec: 60,
  recording: null,
  ...over,
});

const recording = (over: Partial<NonNullable<CallView['recording']>>): CallView['recording'] => ({
  kind: 'call',
  durationSec: 60,
  stored: false,
  copyFailed: false,
  sizeBytes: null,
  url: null,
  purgedAt: null,
  ...over,
});

describe('showing a call from the history API', () => {
  it('shows talk time for an answered call', () => {
    expect(toCallRecord(view({}))).toMatchObject({
      id: 'CA1',
      durationSeconds: 60,
      recordingState: 'none',
      recordingUrl: null,
    });
  });

  it('offers the recording only once it is stored on our side', () => {
    expect(toCallRecord(view({ recording: recording({}) }))).toMatchObject({
      recordingState: 'saving',
      recordingUrl: null,
    });
    expect(
      toCallRecord(view({ recording: recording({ stored: true, url: '/api/calls/CA1/recording' }) })),
    ).toMatchObject({
      recordingState: 'ready',
      recordingUrl: '/api/calls/CA1/recording',
    });
    expect(toCallRecord(view({ recording: recording({ copyFailed: true }) })).recordingState).toBe('unavailable');
  });

  it('says the recording was deleted under retention instead of offering it or waiting for it', () => {
    const purged = toCallRecord(
      view({
        recording: recording({ stored: false, url: null, sizeBytes: 480_044, purgedAt: '2025-09-01T03:00:00.000Z' }),
      }),
    );
    expect(purged).toMatchObject({ recordingState: 'purged', recordingUrl: null });
  });

  it('marks voicemail, and gives no talk time to calls nobody took', () => {
    expect(toCallRecord(view({ outcome: 'voicemail', direction: 'inbound' }))).toMatchObject({
      isVoicemail: true,
      durationSeconds: null,
    });
    expect(toCallRecord(view({ outcome: 'missed', talkSec: 0 })).durationSeconds).toBeNull();
  });
});

describe('applying live updates', () => {
  const older = toCallRecord(view({ callSid: 'A', startedAt: '2025-06-01T10:00:00.000Z', outcome: 'in_progress' }));
  const newer = toCallRecord(view({ callSid: 'B', startedAt: '2025-06-01T11:00:00.000Z' }));

  it('puts a new call on top', () => {
    expect(mergeCall([older], newer).map((call) => call.id)).toEqual(['B', 'A']);
  });

  it('replaces a known call with its newer state', () => {
    const update = toCallRecord(view({ callSid: 'A', startedAt: '2025-06-01T10:00:00.000Z', outcome: 'missed' }));
    expect(mergeCall([newer, older], update).map((call) => [call.id, call.outcome])).toEqual([
      ['B', 'answered'],
      ['A', 'missed'],
    ]);
  });

  it('names outcomes in plain words', () => {
    expect(outcomeLabel('in_progress')).toBe('In progress');
    expect(outcomeLabel('transferred')).toBe('Transferred');
  });
});
