/**
 * Real, playable RIFF/WAVE files (PCM 16-bit, 8 kHz by default, like a phone call), so that code
 * downloading a recording gets audio with the length the call actually had.
 */

export interface WavSpec {
  durationMs: number;
  channels: 1 | 2;
  sampleRate?: number;
  /** Tone frequency per channel in Hz; 0 or missing = silence on that channel. */
  tonesHz?: number[];
}

export interface WavHeader {
  channels: number;
  sampleRate: number;
  bitsPerSample: number;
  dataBytes: number;
  durationMs: number;
}

const BITS_PER_SAMPLE = 16;
const AMPLITUDE = 0.25 * 0x7fff;

export function encodeWav(spec: WavSpec): Buffer {
  const sampleRate = spec.sampleRate ?? 8000;
  const frames = Math.max(0, Math.round((spec.durationMs * sampleRate) / 1000));
  const blockAlign = spec.channels * (BITS_PER_SAMPLE / 8);
  const dataBytes = frames * blockAlign;
  const wav = Buffer.alloc(44 + dataBytes);
  wav.write('RIFF', 0, 'ascii');
  wav.writeUInt32LE(36 + dataBytes, 4);
  wav.write('WAVE', 8, 'ascii');
  wav.write('fmt ', 12, 'ascii');
  wav.writeUInt32LE(16, 16); // fmt chunk size
  wav.writeUInt16LE(1, 20); // PCM
  wav.writeUInt16LE(spec.channels, 22);
  wav.writeUInt32LE(sampleRate, 24);
  wav.writeUInt32LE(sampleRate * blockAlign, 28);
  wav.writeUInt16LE(blockAlign, 32);
  wav.writeUInt16LE(BITS_PER_SAMPLE, 34);
  wav.write('data', 36, 'ascii');
  wav.writeUInt32LE(dataBytes, 40);
  for (let frame = 0; frame < frames; frame++) {
    for (let channel = 0; channel < spec.channels; channel++) {
      const hz = spec.tonesHz?.[channel] ?? 0;
      const sample = hz > 0 ? Math.round(AMPLITUDE * Math.sin((2 * Math.PI * hz * frame) / sampleRate)) : 0;
      wav.writeInt16LE(sample, 44 + frame * blockAlign + channel * 2);
    }
  }
  return wav;
}

/** Reads the format of a PCM WAV file, walking its chunks; throws when it is not one. */
export function readWavHeader(wav: Buffer): WavHeader {
  if (wav.length < 12 || wav.toString('ascii', 0, 4) !== 'RIFF' || wav.toString('ascii', 8, 12) !== 'WAVE') {
    throw new Error('not a RIFF/WAVE file');
  }
  let format: Omit<WavHeader, 'dataBytes' | 'durationMs'> | undefined;
  let offset = 12;
  while (offset + 8 <= wav.length) {
    const id = wav.toString('ascii', offset, offset + 4);
    const size = wav.readUInt32LE(offset + 4);
    if (id === 'fmt ') {
      if (wav.readUInt16LE(offset + 8) !== 1) throw new Error('not PCM audio');
      format = {
        channels: wav.readUInt16LE(offset + 10),
        sampleRate: wav.readUInt32LE(offset + 12),
        bitsPerSample: wav.readUInt16LE(offset + 22),
      };
    } else if (id === 'data') {
      if (!format) throw new Error('data chunk before fmt chunk');
      const dataBytes = Math.min(size, wav.length - offset - 8);
      const bytesPerSecond = format.sampleRate * format.channels * (format.bitsPerSample / 8);
      return { ...format, dataBytes, durationMs: (dataBytes / bytesPerSecond) * 1000 };
    }
    offset += 8 + size + (size % 2);
  }
  throw new Error('no data chunk');
}
