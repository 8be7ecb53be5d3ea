/**
 * Simulated time for one call. Scripted things (a callee answering after 200 ms, a Pause of 3 s)
 * happen at exact simulated instants, while the wall clock runs `timeScale` times as fast, so
 * recordings and durations come out exact even when tests run a hundred times faster than life.
 * Talking to customer servers takes no simulated time. Outside events (an API hang-up, a WebRTC
 * answer) are placed by the wall time elapsed since the last simulated instant.
 */
export class SimClock {
  private virtualNow = 0;
  private wallAnchor = performance.now();
  private readonly timers: { due: number; seq: number; fire: () => void }[] = [];
  private handle: ReturnType<typeof setTimeout> | undefined;
  private seq = 0;

  constructor(private readonly timeScale: () => number) {}

  /** Simulated ms since the call started. */
  now(): number {
    return this.virtualNow;
  }

  /** Simulated time of an outside event happening right now. */
  observe(): number {
    const next = this.timers[0]?.due ?? Number.POSITIVE_INFINITY;
    const wallNow = performance.now();
    const scale = Math.max(this.timeScale(), 1e-6);
    this.virtualNow = Math.min(next, this.virtualNow + (wallNow - this.wallAnchor) / scale);
    this.wallAnchor = wallNow;
    return this.virtualNow;
  }

  /** Resolves after `ms` simulated ms; resolves early (returning false) if `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<boolean> {
    return new Promise((resolve) => {
      if (signal?.aborted) return resolve(false);
      if (this.timers.length === 0) this.wallAnchor = performance.now();
      const timer = {
        due: this.virtualNow + Math.max(0, ms),
        seq: this.seq++,
        fire: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve(true);
        },
      };
      const onAbort = () => {
        const index = this.timers.indexOf(timer);
        if (index >= 0) this.timers.splice(index, 1);
        this.arm();
        resolve(false);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.timers.push(timer);
      this.timers.sort((a, b) => a.due - b.due || a.seq - b.seq);
      this.arm();
    });
  }

  /** Drops every pending timer (the call is being torn down). */
  stop(): void {
    this.timers.length = 0;
    if (this.handle) clearTimeout(this.handle);
    this.handle = undefined;
  }

  private arm(): void {
    if (this.handle) clearTimeout(this.handle);
    this.handle = undefined;
    const first = this.timers[0];
    if (!first) return;
    const wallDue = this.wallAnchor + (first.due - this.virtualNow) * this.timeScale();
    this.handle = setTimeout(() => this.tick(), Math.max(0, wallDue - performance.now()));
  }

  private tick(): void {
    this.handle = undefined;
    const first = this.timers.shift();
    if (first) {
      this.wallAnchor += (first.due - this.virtualNow) * this.timeScale();
      this.virtualNow = first.due;
      first.fire();
    }
    this.arm();
  }
}
