import { describe, expect, it } from 'vitest';
import { RecordingStore } from './recording-store';
import { encodeWav, readWavHeader } from './wav';

describe('encodeWav', () => {
  it('writes 16-bit PCM at 8 kHz whose length is the requested duration', () => {
    const wav = encodeWav({ durationMs: 1250, channels: 2, tonesHz: [440, 660] });
    expect(readWavHeader(wav)).toEqual({
      channels: 2,
      sampleRate: 8000,
      bitsPerSample: 16,
      dataBytes: 1250 * 8 * 4,
      durationMs: 1250,
    });
    expect(wav.length).toBe(44 + 1250 * 8 * 4);
  });

  it('puts a tone on a toned channel and silence on a silent one', () => {
    const wav = encodeWav({ durationMs: 100, channels: 2, tonesHz: [440, 0] });
    let left = 0;
    let right = 0;
    for (let offset = 44; offset < wav.length; offset += 4) {
      left = Math.max(left, Math.abs(wav.readInt16LE(offset)));
      right = Math.max(right, Math.abs(wav.readInt16LE(offset + 2)));
    }
    expect(left).toBeGreaterThan(5000);
    expect(right).toBe(0);
  });

  it('refuses to read something that is not a WAV file', () => {
    expect(() => readWavHeader(Buffer.from('ID3 not a wav at all'))).toThrow(/RIFF/);
  });
});

describe('RecordingStore', () => {
  it('serves a recording until the TTL after its call ended, then reports it expired', () => {
    let now = 1_000;
    const store = new RecordingStore(() => now);
    const recording = store.add({
      callSid: 'v3:a',
      accountId: 'acc',
      connectionId: 'c',
      source: 'RecordVerb',
      channels: 1,
      durationMs: 2000,
    });
    now += 60 * 60 * 1000; // call still up: no expiry yet
    expect(store.download(recording.id).found).toBe(true);
    store.callEnded('v3:a', 600_000);
    now += 599_999;
    const served = store.download(recording.id);
    expect(served.found && readWavHeader(served.wav).durationMs).toBe(2000);
    now += 1;
    expect(store.download(recording.id)).toEqual({ found: false, reason: 'expired' });
    expect(store.download('nope')).toEqual({ found: false, reason: 'unknown' });
  });
});
