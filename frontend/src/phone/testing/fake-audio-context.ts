/*
 * Just enough of Web Audio for the ringtone, with the browser's autoplay rule: the context stays
 * suspended (resume() pending) until the page has been clicked, which tests say with `click()`.
 */
export class FakeAudioContext {
  static clicked = false;
  static readonly instances: FakeAudioContext[] = [];
  state: AudioContextState = FakeAudioContext.clicked ? 'running' : 'suspended';
  currentTime = 0;
  readonly destination = {};
  private pendingResumes: (() => void)[] = [];

  constructor() {
    FakeAudioContext.instances.push(this);
  }

  /** The agent clicked the page: suspended contexts may now start. */
  static click(): void {
    FakeAudioContext.clicked = true;
  }

  static reset(): void {
    FakeAudioContext.clicked = false;
    FakeAudioContext.instances.length = 0;
  }

  resume(): Promise<void> {
    if (!FakeAudioContext.clicked) return new Promise((resolve) => this.pendingResumes.push(resolve));
    this.state = 'running';
    for (const resolve of this.pendingResumes.splice(0)) resolve();
    return Promise.resolve();
  }

  close(): Promise<void> {
    this.state = 'closed';
    return Promise.resolve();
  }

  createGain() {
    return { gain: { value: 0, setValueAtTime: () => undefined }, connect: () => undefined };
  }

  createOscillator() {
    return { frequency: { value: 0 }, connect: () => undefined, start: () => undefined, stop: () => undefined };
  }
}
