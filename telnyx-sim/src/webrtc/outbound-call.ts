import type { CallEngine } from '../calls/call-engine';
import type { CallStatus } from '../calls/sim-call';
import { BrowserCall, type BrowserLink } from './browser-call';
import { FarEndPeer } from './far-end-peer';
import { byeForCallEnding } from './hangup-causes';
import { RpcError, RpcErrorCode } from './json-rpc';

/**
 * A call the browser places (`telnyx_rtc.invite`). The engine runs it like Telnyx does: parked,
 * then the credential connection's TeXML decides. Once TeXML takes the call the browser gets early
 * media; when a `<Dial>` is answered it gets `telnyx_rtc.answer`; when the call ends, `bye`.
 */

const FINAL_STATUSES: ReadonlySet<CallStatus> = new Set(['completed', 'busy', 'no-answer', 'failed', 'canceled']);

export class OutboundBrowserCall extends BrowserCall {
  private readonly farEnd: Promise<{ peer: FarEndPeer; sdp: string }>;
  private earlyMediaSent = false;
  private answerSent = false;

  constructor(
    callID: string,
    link: BrowserLink,
    engine: CallEngine,
    readonly callSid: string,
    offerSdp: string,
  ) {
    super(callID, link, engine);
    this.farEnd = FarEndPeer.answering(offerSdp);
    this.farEnd.then(
      ({ peer }) => {
        if (this.ended) peer.close();
        else this.peer = peer;
      },
      (error: unknown) => {
        this.engine.annotate(this.callSid, 'media', {
          call_id: this.callID,
          error: `browser SDP refused: ${String(error)}`,
        });
        if (this.ended) return;
        this.pushBye({ cause: 'INCOMPATIBLE_DESTINATION', causeCode: 88 });
        this.engine.hangup(this.callSid);
        this.finish('network');
      },
    );
  }

  /**
   * Places the browser's call in the engine; throws an RpcError the SDK reports when the
   * credential cannot place calls.
   */
  static place(input: {
    callID: string;
    link: BrowserLink;
    engine: CallEngine;
    sipUsername: string;
    to: string;
    /** The browser's `callerName`; its `callerNumber` is never taken (From is the credential's SIP URI). */
    callerIdName?: string;
    offerSdp: string;
  }): OutboundBrowserCall {
    let callSid: string;
    try {
      callSid = input.engine.placeOutboundFromCredential({
        sipUsername: input.sipUsername,
        to: input.to,
        ...(input.callerIdName ? { callerIdName: input.callerIdName } : {}),
      }).callSid;
    } catch (error) {
      throw new RpcError(
        RpcErrorCode.callFailed,
        `call not placed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    return new OutboundBrowserCall(input.callID, input.link, input.engine, callSid, input.offerSdp);
  }

  protected get timelineCallSid(): string {
    return this.callSid;
  }

  /** Status changes of the engine call. */
  statusChanged(status: CallStatus): void {
    if (this.ended) return;
    if (status === 'in-progress') void this.sendSdp('telnyx_rtc.media');
    else if (FINAL_STATUSES.has(status)) {
      this.pushBye(byeForCallEnding(status, this.engine.get(this.callSid)?.hangup_cause));
      this.finish('network');
    }
  }

  /** A `<Dial>` of this call was answered: the browser's call is connected. */
  dialAnswered(): void {
    if (!this.ended) void this.sendSdp('telnyx_rtc.answer');
  }

  browserAnswers(): Promise<void> {
    return Promise.reject(
      new RpcError(RpcErrorCode.invalidRequest, 'an outbound call is answered by the network, not by the browser'),
    );
  }

  browserHangsUp(): void {
    this.engine.hangup(this.callSid);
    this.finish('browser');
  }

  browserGone(): void {
    this.browserHangsUp();
  }

  private async sendSdp(method: 'telnyx_rtc.media' | 'telnyx_rtc.answer'): Promise<void> {
    const { sdp } = await this.farEnd.catch(() => ({ sdp: undefined }));
    if (this.ended || sdp === undefined || this.answerSent) return;
    if (method === 'telnyx_rtc.media') {
      if (this.earlyMediaSent) return;
      this.earlyMediaSent = true;
    } else this.answerSent = true;
    this.link.push(method, { callID: this.callID, sessid: this.link.sessid, sdp });
  }
}
