import { randomUUID } from 'node:crypto';
import { encodeWav } from './wav';

/**
 * Recordings made by calls. Audio is generated on download (a tone per channel for the time the
 * recording ran), so long calls cost no memory. Like Telnyx's, a recording URL stops working a
 * while after its call ends.
 */

export type RecordingSource = 'DialVerb' | 'RecordVerb';

export interface SimRecording {
  /** RecordingSid. */
  id: string;
  callSid: string;
  accountId: string;
  connectionId: string;
  source: RecordingSource;
  channels: 1 | 2;
  durationMs: number;
  createdAt: number;
  /** Wall-clock ms after which the URL answers 404; unset while the call is still up. */
  expiresAt?: number;
}

export type RecordingLookup =
  { found: true; recording: SimRecording; wav: Buffer } | { found: false; reason: 'unknown' | 'expired' };

// Caller on the first channel, callee on the second: distinct tones make the channels tellable apart.
const CALLER_TONE_HZ = 440;
const CALLEE_TONE_HZ = 660;

export class RecordingStore {
  private readonly recordings = new Map<string, SimRecording>();

  constructor(private readonly now: () => number = Date.now) {}

  add(input: Omit<SimRecording, 'id' | 'createdAt' | 'expiresAt'>): SimRecording {
    const recording: SimRecording = { ...input, id: randomUUID(), createdAt: this.now() };
    this.recordings.set(recording.id, recording);
    return recording;
  }

  /** Starts the expiry clock of every recording of a call that just ended. */
  callEnded(callSid: string, ttlMs: number): void {
    const expiresAt = this.now() + ttlMs;
    for (const r of this.recordings.values())
      if (r.callSid === callSid && r.expiresAt === undefined) r.expiresAt = expiresAt;
  }

  get(id: string): SimRecording | undefined {
    return this.recordings.get(id);
  }

  download(id: string): RecordingLookup {
    const recording = this.recordings.get(id);
    if (!recording) return { found: false, reason: 'unknown' };
    if (recording.expiresAt !== undefined && this.now() >= recording.expiresAt)
      return { found: false, reason: 'expired' };
    const tonesHz = recording.channels === 2 ? [CALLER_TONE_HZ, CALLEE_TONE_HZ] : [CALLER_TONE_HZ];
    return {
      found: true,
      recording,
      wav: encodeWav({ durationMs: recording.durationMs, channels: recording.channels, tonesHz }),
    };
  }
}

/** Path under the simulator's public URL where a recording is served. */
export function recordingPath(id: string): string {
  return `/sim/recordings/${id}.wav`;
}
