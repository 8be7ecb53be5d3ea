/**
 * Call quality from the browser's own WebRTC statistics (RTCPeerConnection.getStats), so agents see
 * it without the SDK's debug mode. Loss is measured between two samples, not since the call began,
 * so a bad minute shows even late in a long call.
 */

export type QualityLevel = 'good' | 'fair' | 'poor';

/** The few numbers read from one stats report. */
export interface AudioStatsSample {
  packetsReceived: number;
  packetsLost: number;
  /** Seconds, as WebRTC reports it. */
  jitter: number | null;
  /** Seconds, round trip to the far end. */
  roundTripTime: number | null;
}

export interface CallQuality {
  level: QualityLevel;
  /** Share of packets lost since the previous sample, 0–100. */
  packetLossPercent: number;
  jitterMs: number | null;
  rttMs: number | null;
}

/** Limits at which quality drops a level (ITU-T G.114-style rules of thumb for voice). */
export const THRESHOLDS = {
  lossPercent: { fair: 1, poor: 5 },
  jitterMs: { fair: 30, poor: 60 },
  rttMs: { fair: 300, poor: 500 },
} as const;

type StatsEntry = Record<string, unknown> & { type?: unknown };

const num = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

/** Reads the audio receive, remote receive and candidate-pair entries of one report. */
export function readAudioStats(entries: Iterable<StatsEntry>): AudioStatsSample | null {
  let inbound: StatsEntry | undefined;
  let remoteInbound: StatsEntry | undefined;
  let pair: StatsEntry | undefined;
  for (const entry of entries) {
    const kind = entry['kind'] ?? entry['mediaType'];
    if (entry.type === 'inbound-rtp' && kind === 'audio') inbound = entry;
    else if (entry.type === 'remote-inbound-rtp' && kind === 'audio') remoteInbound = entry;
    else if (
      entry.type === 'candidate-pair' &&
      (entry['nominated'] === true || entry['selected'] === true) &&
      entry['state'] === 'succeeded'
    )
      pair = entry;
  }
  if (!inbound) return null;
  return {
    packetsReceived: num(inbound['packetsReceived']) ?? 0,
    packetsLost: Math.max(0, num(inbound['packetsLost']) ?? 0),
    jitter: num(inbound['jitter']),
    roundTripTime: num(remoteInbound?.['roundTripTime']) ?? num(pair?.['currentRoundTripTime']),
  };
}

function levelOf(value: number | null, limits: { fair: number; poor: number }): QualityLevel {
  if (value === null || value < limits.fair) return 'good';
  return value < limits.poor ? 'fair' : 'poor';
}

const RANK: Record<QualityLevel, number> = { good: 0, fair: 1, poor: 2 };

/** Quality now, from the latest sample and the one before it (null on the first sample). */
export function assessQuality(current: AudioStatsSample, previous: AudioStatsSample | null): CallQuality {
  const received = current.packetsReceived - (previous?.packetsReceived ?? 0);
  const lost = current.packetsLost - (previous?.packetsLost ?? 0);
  const expected = Math.max(0, received) + Math.max(0, lost);
  const packetLossPercent = expected > 0 ? (Math.max(0, lost) / expected) * 100 : 0;
  const jitterMs = current.jitter === null ? null : current.jitter * 1000;
  const rttMs = current.roundTripTime === null ? null : current.roundTripTime * 1000;
  const levels = [
    levelOf(packetLossPercent, THRESHOLDS.lossPercent),
    levelOf(jitterMs, THRESHOLDS.jitterMs),
    levelOf(rttMs, THRESHOLDS.rttMs),
  ];
  const level = levels.reduce((worst, next) => (RANK[next] > RANK[worst] ? next : worst), 'good' as QualityLevel);
  return {
    level,
    packetLossPercent: Math.round(packetLossPercent * 10) / 10,
    jitterMs: round(jitterMs),
    rttMs: round(rttMs),
  };
}

const round = (value: number | null) => (value === null ? null : Math.round(value));
