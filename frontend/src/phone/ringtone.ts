/**
 * The incoming-call ring, synthesised with WebAudio (the North American 440 + 480 Hz tone, two seconds
 * on, four off) so that no sound file is needed. Browsers may block audio until the page has been
 * clicked; `start()` then reports `blocked` and `unlock()` (called from a click) starts the sound.
 */
export class Ringtone {
  private context: AudioContext | null = null;
  private gain: GainNode | null = null;
  private oscillators: OscillatorNode[] = [];
  private cadence: ReturnType<typeof setInterval> | null = null;

  /** Starts ringing; resolves to 'blocked' when the browser keeps the sound off until a click. */
  async start(): Promise<'playing' | 'blocked'> {
    this.stop();
    const AudioContextClass =
      window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
    if (!AudioContextClass) return 'blocked';
    const context = new AudioContextClass();
    this.context = context;
    const gain = context.createGain();
    gain.gain.value = 0;
    gain.connect(context.destination);
    this.gain = gain;
    this.oscillators = [440, 480].map((frequency) => {
      const oscillator = context.createOscillator();
      oscillator.frequency.value = frequency;
      oscillator.connect(gain);
      oscillator.start();
      return oscillator;
    });
    this.ring();
    this.cadence = setInterval(() => this.ring(), 6000);
    if (context.state !== 'running') {
      // resume() stays pending (or rejects) while autoplay is blocked; don't wait for it for long.
      await Promise.race([context.resume().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 300))]);
    }
    return context.state === 'running' ? 'playing' : 'blocked';
  }

  /** Call from a click handler: lets the ring be heard once autoplay was blocked. */
  async unlock(): Promise<boolean> {
    if (!this.context) return false;
    await this.context.resume().catch(() => undefined);
    return this.context.state === 'running';
  }

  stop(): void {
    if (this.cadence) clearInterval(this.cadence);
    this.cadence = null;
    for (const oscillator of this.oscillators) oscillator.stop();
    this.oscillators = [];
    void this.context?.close().catch(() => undefined);
    this.context = null;
    this.gain = null;
  }

  private ring(): void {
    if (!this.context || !this.gain) return;
    const now = this.context.currentTime;
    this.gain.gain.setValueAtTime(0.15, now);
    this.gain.gain.setValueAtTime(0, now + 2);
  }
}
