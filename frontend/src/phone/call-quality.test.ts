import { describe, expect, it } from 'vitest';
import { assessQuality, readAudioStats, type AudioStatsSample } from './call-quality';

const sample = (over: Partial<AudioStatsSample>): AudioStatsSample => ({
  packetsReceived: 0,
  packetsLost: 0,
  jitter: 0.005,
  roundTripTime: 0.02,
  ...over,
});

describe('reading a WebRTC stats report', () => {
  it('takes the audio receive counters, jitter and the round trip of the selected pair', () => {
    const report = [
      { type: 'inbound-rtp', kind: 'video', packetsReceived: 999 },
      { type: 'inbound-rtp', kind: 'audio', packetsReceived: 500, packetsLost: 5, jitter: 0.012 },
      { type: 'candidate-pair', state: 'succeeded', nominated: true, currentRoundTripTime: 0.08 },
      { type: 'candidate-pair', state: 'failed', nominated: false, currentRoundTripTime: 2 },
    ];
    expect(readAudioStats(report)).toEqual({
      packetsReceived: 500,
      packetsLost: 5,
      jitter: 0.012,
      roundTripTime: 0.08,
    });
  });

  it('prefers the far end’s own round-trip measure when there is one', () => {
    const report = [
      { type: 'inbound-rtp', kind: 'audio', packetsReceived: 1, packetsLost: 0, jitter: 0 },
      { type: 'remote-inbound-rtp', kind: 'audio', roundTripTime: 0.15 },
      { type: 'candidate-pair', state: 'succeeded', nominated: true, currentRoundTripTime: 0.08 },
    ];
    expect(readAudioStats(report)?.roundTripTime).toBe(0.15);
  });

  it('has nothing to say before audio arrives', () => {
    expect(readAudioStats([{ type: 'outbound-rtp', kind: 'audio' }])).toBeNull();
  });
});

describe('judging call quality', () => {
  it('calls a clean line good', () => {
    expect(assessQuality(sample({ packetsReceived: 500 }), sample({ packetsReceived: 400 }))).toEqual({
      level: 'good',
      packetLossPercent: 0,
      jitterMs: 5,
      rttMs: 20,
    });
  });

  it('measures loss over the last interval only', () => {
    const before = sample({ packetsReceived: 10_000, packetsLost: 0 });
    const now = sample({ packetsReceived: 10_090, packetsLost: 10 });
    // 10 of the last 100 packets lost is poor, although 0.1 % were lost over the whole call.
    expect(assessQuality(now, before)).toMatchObject({ level: 'poor', packetLossPercent: 10 });
  });

  it('is as bad as its worst measure', () => {
    expect(assessQuality(sample({ packetsReceived: 100, jitter: 0.045 }), null).level).toBe('fair');
    expect(assessQuality(sample({ packetsReceived: 100, roundTripTime: 0.8 }), null).level).toBe('poor');
    expect(assessQuality(sample({ packetsReceived: 98, packetsLost: 2 }), null)).toMatchObject({
      level: 'fair',
      packetLossPercent: 2,
    });
  });

  it('stays good when the far end is silent (no packets, no loss)', () => {
    const same = sample({ packetsReceived: 300 });
    expect(assessQuality(same, same)).toMatchObject({ level: 'good', packetLossPercent: 0 });
  });
});
