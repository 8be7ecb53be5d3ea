/**
 * Counts attempts per key in fixed windows, in this process's memory. Sign-in counts only failures
 * (and forgets them on success); the voice token route counts every request. With several backend
 * instances each keeps its own count, so the effective limit is per instance — still a hard cap on
 * guessing, without a shared store to run.
 */
export interface LimitDecision {
  allowed: boolean;
  /** Whole seconds until the window ends (for `Retry-After`); 0 when allowed. */
  retryAfterSeconds: number;
}

interface Window {
  count: number;
  endsAt: number;
}

export class AttemptLimiter {
  private readonly windows = new Map<string, Window>();

  constructor(private readonly options: { limit: number; windowMs: number; maxKeys?: number }) {}

  /** Whether another attempt is allowed now, without counting one. */
  check(key: string, now = Date.now()): LimitDecision {
    const window = this.live(key, now);
    if (!window || window.count < this.options.limit) return { allowed: true, retryAfterSeconds: 0 };
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((window.endsAt - now) / 1000)) };
  }

  /** Counts one attempt and says whether it was within the limit. */
  hit(key: string, now = Date.now()): LimitDecision {
    const decision = this.check(key, now);
    if (!decision.allowed) return decision;
    const window = this.live(key, now);
    if (window) window.count += 1;
    else {
      this.sweep(now);
      this.windows.set(key, { count: 1, endsAt: now + this.options.windowMs });
    }
    return decision;
  }

  reset(key: string): void {
    this.windows.delete(key);
  }

  private live(key: string, now: number): Window | undefined {
    const window = this.windows.get(key);
    if (window && window.endsAt <= now) {
      this.windows.delete(key);
      return undefined;
    }
    return window;
  }

  /** Keeps memory bounded under a flood of distinct keys: expired windows go first, then the oldest. */
  private sweep(now: number): void {
    const maxKeys = this.options.maxKeys ?? 100_000;
    if (this.windows.size < maxKeys) return;
    for (const [key, window] of this.windows) if (window.endsAt <= now) this.windows.delete(key);
    for (const key of this.windows.keys()) {
      if (this.windows.size < maxKeys) break;
      this.windows.delete(key);
    }
  }
}
