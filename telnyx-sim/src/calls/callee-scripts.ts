import type { DialLeg, DialOffer, RingOutcome } from './dial-legs';
import type { SimClock } from './sim-clock';

/**
 * Scripted far ends for `<Dial>`: how the callee at a number or SIP URI behaves, set by tests with
 * `PUT /sim/callees/{target}`.
 */

export type CalleeBehaviour = 'answer' | 'busy' | 'no-answer' | 'fail';

export interface CalleeScript {
  behaviour: CalleeBehaviour;
  /** Simulated ms of ringing before the callee answers (or reports busy). */
  answerAfterMs: number;
  /** Simulated ms after answering when the callee hangs up; null = stays until the caller leaves. */
  hangupAfterMs: number | null;
}

export const DEFAULT_CALLEE: CalleeScript = { behaviour: 'answer', answerAfterMs: 200, hangupAfterMs: 1000 };

export class CalleeScripts {
  private readonly scripts = new Map<string, CalleeScript>();

  set(target: string, script: Partial<CalleeScript> & { behaviour: CalleeBehaviour }): CalleeScript {
    const full: CalleeScript = { ...DEFAULT_CALLEE, ...script };
    this.scripts.set(calleeKey(target), full);
    return full;
  }

  get(target: string): CalleeScript {
    return this.scripts.get(calleeKey(target)) ?? DEFAULT_CALLEE;
  }

  delete(target: string): boolean {
    return this.scripts.delete(calleeKey(target));
  }

  clear(): void {
    this.scripts.clear();
  }

  entries(): [string, CalleeScript][] {
    return [...this.scripts.entries()];
  }
}

/** SIP URIs compare case-insensitively; numbers as written. */
export function calleeKey(target: string): string {
  const trimmed = target.trim();
  return /^sips?:/i.test(trimmed) ? trimmed.toLowerCase() : trimmed;
}

/** A dial leg played by a script on the call's simulated clock. */
export function scriptedLeg(script: CalleeScript, clock: SimClock, _offer: DialOffer): DialLeg {
  const ended = new AbortController();
  const never = new Promise<never>(() => {});
  const outcome = (async (): Promise<RingOutcome> => {
    switch (script.behaviour) {
      case 'fail':
        return 'failed';
      case 'no-answer':
        return never;
      case 'busy':
        return (await clock.sleep(script.answerAfterMs, ended.signal)) ? 'busy' : never;
      case 'answer':
        return (await clock.sleep(script.answerAfterMs, ended.signal)) ? 'answered' : never;
    }
  })();
  const farEndHangup = outcome.then(async (result) => {
    if (result !== 'answered' || script.hangupAfterMs === null) return never;
    return (await clock.sleep(script.hangupAfterMs, ended.signal)) ? undefined : never;
  });
  return { outcome, farEndHangup, end: () => ended.abort() };
}
