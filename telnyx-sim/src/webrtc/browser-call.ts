import type { CallEngine } from '../calls/call-engine';
import type { FarEndPeer } from './far-end-peer';
import type { ByeCause } from './hangup-causes';
import { RpcError, RpcErrorCode } from './json-rpc';

/**
 * What every call between a logged-in browser and the simulated network shares: the far-end peer
 * carrying its audio, hold, DTMF, and notes on the engine call's timeline.
 */

/** The browser's side of the signalling, as a call sees it. */
export interface BrowserLink {
  readonly sessid: string;
  /** Sends a request to the browser (the SDK acknowledges it; nothing waits for that). */
  push(method: string, params: Record<string, unknown>): void;
  /** The call is over: stop routing the browser's requests to it. */
  forget(callID: string): void;
}

export type HoldAction = 'hold' | 'unhold' | 'toggleHold';

export abstract class BrowserCall {
  protected peer: FarEndPeer | undefined;
  protected ended = false;

  constructor(
    readonly callID: string,
    protected readonly link: BrowserLink,
    protected readonly engine: CallEngine,
  ) {}

  /** The engine call whose timeline records this call's DTMF, hold and media. */
  protected abstract get timelineCallSid(): string;

  /** The browser sent its SDP answer to a call that rang it. */
  abstract browserAnswers(sdp: string): Promise<void>;

  /** The browser hung up (or turned the call down). */
  abstract browserHangsUp(cause: unknown, causeCode: unknown): void;

  /** The browser's socket went away: the call cannot go on. */
  abstract browserGone(): void;

  /** Hold is real: the far end stops sending audio until the call is resumed. */
  hold(action: HoldAction): 'held' | 'active' {
    const peer = this.peer;
    if (!peer || this.ended) throw new RpcError(RpcErrorCode.callFailed, 'call has no media to hold yet');
    const held = action === 'toggleHold' ? !peer.isHeld : action === 'hold';
    if (held !== peer.isHeld) {
      peer.setHeld(held);
      this.engine.annotate(this.timelineCallSid, 'hold', { call_id: this.callID, state: held ? 'held' : 'active' });
    }
    return held ? 'held' : 'active';
  }

  dtmf(digits: string): void {
    this.engine.annotate(this.timelineCallSid, 'dtmf', { call_id: this.callID, digits });
  }

  /** Tells the browser the call is over (remote hang-up). */
  protected pushBye(bye: ByeCause): void {
    this.link.push('telnyx_rtc.bye', {
      callID: this.callID,
      sessid: this.link.sessid,
      cause: bye.cause,
      causeCode: bye.causeCode,
    });
  }

  /** Releases the far end and records what flowed; idempotent. */
  protected finish(endedBy: 'browser' | 'network'): void {
    if (this.ended) return;
    this.ended = true;
    this.link.forget(this.callID);
    if (this.peer) {
      this.engine.annotate(this.timelineCallSid, 'media', {
        call_id: this.callID,
        ended_by: endedBy,
        ...this.peer.stats(),
      });
      this.peer.close();
    }
  }
}
