import { describe, expect, it } from 'vitest';
import { decodeMulaw, encodeMulaw, MulawTone, SAMPLES_PER_PACKET } from './mulaw';

describe('µ-law (PCMU)', () => {
  it('round-trips samples within the codec quantisation step', () => {
    for (const sample of [0, 1, -1, 100, -100, 1000, -1000, 8000, -8000, 32000, -32000]) {
      const decoded = decodeMulaw(encodeMulaw(sample));
      expect(Math.abs(decoded - sample)).toBeLessThanOrEqual(Math.max(8, Math.abs(sample) / 16));
    }
  });

  it('uses the G.711 code points for silence and full scale', () => {
    expect(encodeMulaw(0)).toBe(0xff);
    expect(encodeMulaw(32767)).toBe(0x80);
    expect(encodeMulaw(-32768)).toBe(0x00);
    expect(decodeMulaw(0xff)).toBe(0);
  });

  it('cuts a tone into 20 ms packets that carry audible energy', () => {
    const payload = new MulawTone(440).nextPayload();
    expect(payload).toHaveLength(SAMPLES_PER_PACKET);
    const rms = Math.sqrt([...payload].reduce((sum, b) => sum + decodeMulaw(b) ** 2, 0) / payload.length) / 0x8000;
    expect(rms).toBeGreaterThan(0.15);
  });
});
