import type { CallEngine } from '../calls/call-engine';
import type { DialLeg, DialOffer, RingOutcome } from '../calls/dial-legs';
import { BrowserCall, type BrowserLink } from './browser-call';
import { FarEndPeer } from './far-end-peer';
import { byeForLegEnd, ringOutcomeOfDecline } from './hangup-causes';
import { RpcError, RpcErrorCode } from './json-rpc';

/**
 * A `<Dial><Sip>` leg ringing a logged-in browser: `telnyx_rtc.invite` with the far end's offer;
 * the browser answers, turns it down, or hangs up later; the engine may end it at any time.
 */
export class InboundBrowserLeg extends BrowserCall implements DialLeg {
  readonly outcome: Promise<RingOutcome>;
  readonly farEndHangup: Promise<void>;
  private settleOutcome!: (outcome: RingOutcome) => void;
  private hangUpFarEnd!: () => void;
  private answered = false;
  /** The browser has been sent the invite (so it must be told when the call ends). */
  private invited = false;

  constructor(
    callID: string,
    link: BrowserLink,
    engine: CallEngine,
    private readonly offer: DialOffer,
  ) {
    super(callID, link, engine);
    this.outcome = new Promise((resolve) => (this.settleOutcome = resolve));
    this.farEndHangup = new Promise((resolve) => (this.hangUpFarEnd = resolve));
    FarEndPeer.offering().then(
      ({ peer, sdp }) => {
        if (this.ended) return peer.close();
        this.peer = peer;
        this.invited = true;
        this.link.push('telnyx_rtc.invite', {
          callID: this.callID,
          sessid: this.link.sessid,
          sdp,
          caller_id_name: offer.from,
          caller_id_number: offer.from,
          callee_id_name: offer.to,
          callee_id_number: offer.to,
        });
      },
      (error: unknown) => {
        this.engine.annotate(this.offer.callSid, 'media', {
          call_id: this.callID,
          error: `far end could not make an offer: ${String(error)}`,
        });
        this.settleOutcome('failed');
        this.finish('network');
      },
    );
  }

  protected get timelineCallSid(): string {
    return this.offer.callSid;
  }

  async browserAnswers(sdp: string): Promise<void> {
    const peer = this.peer;
    if (this.ended || !peer) throw new RpcError(RpcErrorCode.callFailed, 'the call is no longer ringing');
    if (this.answered) throw new RpcError(RpcErrorCode.invalidRequest, 'the call is already answered');
    try {
      await peer.accept(sdp);
    } catch (error) {
      throw new RpcError(
        RpcErrorCode.invalidParams,
        `answer SDP refused: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    if (this.ended) throw new RpcError(RpcErrorCode.callFailed, 'the call is no longer ringing');
    this.answered = true;
    this.settleOutcome('answered');
  }

  browserHangsUp(cause: unknown, causeCode: unknown): void {
    if (this.answered) this.hangUpFarEnd();
    else this.settleOutcome(ringOutcomeOfDecline(cause, causeCode));
    this.finish('browser');
  }

  browserGone(): void {
    if (this.answered) this.hangUpFarEnd();
    else this.settleOutcome('failed');
    this.finish('browser');
  }

  /** The engine stops the ringing or hangs up the bridged call. */
  end(cause: string): void {
    if (this.ended) return;
    if (this.invited) this.pushBye(byeForLegEnd(cause));
    this.finish('network');
  }
}
