/**
 * G.711 µ-law (PCMU), the codec the simulated far end speaks: 8 kHz, one byte per sample,
 * 160 samples (20 ms) per RTP packet.
 */

export const SAMPLE_RATE = 8000;
export const SAMPLES_PER_PACKET = 160;
export const PACKET_INTERVAL_MS = 20;

const BIAS = 0x84;
const CLIP = 32635;

/** One 16-bit linear sample → one µ-law byte. */
export function encodeMulaw(sample: number): number {
  const sign = sample < 0 ? 0x80 : 0;
  const magnitude = Math.min(Math.abs(Math.round(sample)), CLIP) + BIAS;
  let exponent = 7;
  for (let mask = 0x4000; (magnitude & mask) === 0 && exponent > 0; mask >>= 1) exponent--;
  const mantissa = (magnitude >> (exponent + 3)) & 0x0f;
  return ~(sign | (exponent << 4) | mantissa) & 0xff;
}

/** One µ-law byte → one 16-bit linear sample. */
export function decodeMulaw(byte: number): number {
  const inverted = ~byte & 0xff;
  const exponent = (inverted >> 4) & 0x07;
  const magnitude = (((inverted & 0x0f) << 3) + BIAS) << exponent;
  return inverted & 0x80 ? BIAS - magnitude : magnitude - BIAS;
}

/** A continuous sine tone cut into 20 ms µ-law payloads. */
export class MulawTone {
  private sampleIndex = 0;

  constructor(
    private readonly hz = 440,
    private readonly amplitude = 0.3 * 0x7fff,
  ) {}

  nextPayload(): Buffer {
    const payload = Buffer.alloc(SAMPLES_PER_PACKET);
    for (let i = 0; i < SAMPLES_PER_PACKET; i++, this.sampleIndex++) {
      payload[i] = encodeMulaw(this.amplitude * Math.sin((2 * Math.PI * this.hz * this.sampleIndex) / SAMPLE_RATE));
    }
    this.sampleIndex %= SAMPLE_RATE;
    return payload;
  }
}
