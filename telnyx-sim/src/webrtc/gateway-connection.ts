import { randomUUID } from 'node:crypto';
import type { WebSocket } from 'ws';
import type { DialLeg, DialOffer, SipEndpoint } from '../calls/dial-legs';
import { verifyTelephonyToken } from '../rest/telephony-tokens';
import type { BrowserCall, BrowserLink, HoldAction } from './browser-call';
import { InboundBrowserLeg } from './inbound-leg';
import {
  dialogParams,
  errorFrame,
  parseFrame,
  requestFrame,
  resultFrame,
  RpcError,
  RpcErrorCode,
  stringParam,
  type RpcRequest,
} from './json-rpc';
import { OutboundBrowserCall } from './outbound-call';
import type { WebRtcGateway } from './webrtc-gateway';

/**
 * One `@telnyx/webrtc` client's socket: token login, registration, and the calls it places and
 * receives. Every client request gets exactly one reply; the client's acknowledgements of what the
 * gateway pushes need none.
 */

const HOLD_ACTIONS: ReadonlySet<string> = new Set<HoldAction>(['hold', 'unhold', 'toggleHold']);
const OPEN = 1;

export class GatewayConnection implements SipEndpoint, BrowserLink {
  readonly sessid = randomUUID();
  private sipUsername: string | undefined;
  private readonly calls = new Map<string, BrowserCall>();
  private closed = false;

  constructor(
    private readonly socket: WebSocket,
    private readonly gateway: WebRtcGateway,
  ) {
    socket.on('message', (data, isBinary) => {
      if (isBinary) return this.send(errorFrame(null, RpcErrorCode.invalidRequest, 'frames must be JSON text'));
      void this.receive(
        Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.concat(data as Buffer[]).toString('utf8'),
      );
    });
    socket.on('close', () => this.close());
    socket.on('error', () => this.close());
  }

  /** The SIP user this socket is logged in as (undefined before login). */
  get username(): string | undefined {
    return this.sipUsername;
  }

  // ---- SipEndpoint: the engine rings this browser ----

  ring(offer: DialOffer): DialLeg {
    if (this.closed) throw new Error('browser is offline');
    const leg = new InboundBrowserLeg(randomUUID(), this, this.gateway.engine, offer);
    this.calls.set(leg.callID, leg);
    return leg;
  }

  // ---- BrowserLink ----

  push(method: string, params: Record<string, unknown>): void {
    this.send(requestFrame(method, params));
  }

  forget(callID: string): void {
    const call = this.calls.get(callID);
    this.calls.delete(callID);
    if (call instanceof OutboundBrowserCall) this.gateway.untrackOutbound(call.callSid);
  }

  /** The socket is gone (or the simulator stops): every call of this browser ends. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const call of [...this.calls.values()]) call.browserGone();
    this.gateway.disconnected(this);
    if (this.socket.readyState === OPEN) this.socket.close(1001, 'gateway closing');
  }

  // ---- requests from the browser ----

  private async receive(text: string): Promise<void> {
    const frame = parseFrame(text);
    if (frame.kind === 'response') return;
    if (frame.kind === 'invalid') return this.send(errorFrame(frame.id, RpcErrorCode.invalidRequest, frame.reason));
    const { request } = frame;
    try {
      this.send(resultFrame(request.id, await this.handle(request)));
    } catch (error) {
      if (error instanceof RpcError) this.send(errorFrame(request.id, error.code, error.message));
      else this.send(errorFrame(request.id, RpcErrorCode.callFailed, `gateway error: ${String(error)}`));
    }
  }

  private async handle({ method, params }: RpcRequest): Promise<Record<string, unknown>> {
    switch (method) {
      case 'login':
        return this.login(params);
      case 'telnyx_rtc.ping':
        return { message: 'PONG', sessid: this.sessid };
      case 'telnyx_rtc.gatewayState':
        return { params: { state: this.sipUsername ? 'REGED' : 'NOREG' } };
    }
    const sipUsername = this.sipUsername;
    if (!sipUsername) throw new RpcError(RpcErrorCode.authenticationRequired, 'Authentication Required: log in first');
    switch (method) {
      case 'telnyx_rtc.invite':
        return this.placeCall(sipUsername, params);
      case 'telnyx_rtc.answer': {
        const call = this.callOf(params);
        await call.browserAnswers(stringParam(params, 'sdp'));
        return { message: 'CALL ANSWERED', callID: call.callID, sessid: this.sessid };
      }
      case 'telnyx_rtc.bye': {
        // Idempotent: the network may have ended the call while the browser was hanging up.
        const callID = stringParam(dialogParams(params), 'callID');
        this.calls.get(callID)?.browserHangsUp(params['cause'], params['causeCode']);
        return {
          message: 'CALL ENDED',
          callID,
          sessid: this.sessid,
          cause: params['cause'] ?? 'NORMAL_CLEARING',
          causeCode: params['causeCode'] ?? 16,
        };
      }
      case 'telnyx_rtc.modify': {
        const call = this.callOf(params);
        const action = params['action'];
        if (typeof action !== 'string' || !HOLD_ACTIONS.has(action)) {
          throw new RpcError(
            RpcErrorCode.invalidParams,
            `modify action ${String(action)} is not supported (hold, unhold, toggleHold are)`,
          );
        }
        return { action, holdState: call.hold(action as HoldAction), callID: call.callID, sessid: this.sessid };
      }
      case 'telnyx_rtc.info': {
        const call = this.callOf(params);
        call.dtmf(stringParam(params, 'dtmf'));
        return { message: 'SENT', sessid: this.sessid };
      }
      case 'telnyx_rtc.candidate':
      case 'telnyx_rtc.endOfCandidates':
        // The SDK gathers before it sends its SDP; late candidates add nothing on loopback.
        return { message: 'OK', sessid: this.sessid };
      default:
        throw new RpcError(RpcErrorCode.methodNotFound, `method ${method} is not supported`);
    }
  }

  private async login(params: Record<string, unknown>): Promise<Record<string, unknown>> {
    const token = params['login_token'];
    if (typeof token !== 'string' || !token) {
      throw new RpcError(
        RpcErrorCode.loginFailed,
        'Login Incorrect: login_token is required (this gateway accepts token logins)',
      );
    }
    let credentialId: string;
    try {
      credentialId = (await verifyTelephonyToken(token)).credentialId;
    } catch (error) {
      throw new RpcError(
        RpcErrorCode.loginFailed,
        `Login Incorrect: ${error instanceof Error ? error.message : 'invalid token'}`,
      );
    }
    const sipUsername = this.gateway.sipUsernameOfCredential(credentialId);
    if (!sipUsername)
      throw new RpcError(RpcErrorCode.loginFailed, 'Login Incorrect: the credential does not exist or has expired');
    if (this.closed) throw new RpcError(RpcErrorCode.loginFailed, 'socket closed');
    this.sipUsername = sipUsername;
    this.gateway.registered(this, sipUsername);
    // The SDK becomes ready on a REGED gateway state, which must come after the login result.
    setImmediate(() => this.push('telnyx_rtc.gatewayState', { sessid: this.sessid, state: 'REGED' }));
    return { message: 'logged in', sessid: this.sessid };
  }

  private placeCall(sipUsername: string, params: Record<string, unknown>): Record<string, unknown> {
    const sdp = stringParam(params, 'sdp');
    const dialog = dialogParams(params);
    const callID = stringParam(dialog, 'callID');
    const to = stringParam(dialog, 'destination_number');
    if (this.calls.has(callID)) throw new RpcError(RpcErrorCode.invalidParams, `call ${callID} already exists`);
    const call = OutboundBrowserCall.place({
      callID,
      link: this,
      engine: this.gateway.engine,
      sipUsername,
      to,
      ...callerName(dialog),
      offerSdp: sdp,
    });
    this.calls.set(callID, call);
    this.gateway.trackOutbound(call);
    return { message: 'CALL CREATED', callID, sessid: this.sessid };
  }

  private callOf(params: Record<string, unknown>): BrowserCall {
    const callID = stringParam(dialogParams(params), 'callID');
    const call = this.calls.get(callID);
    if (!call) throw new RpcError(RpcErrorCode.callFailed, `call ${callID} does not exist or has ended`);
    return call;
  }

  private send(frame: string): void {
    if (this.socket.readyState === OPEN) this.socket.send(frame);
  }
}

/** The caller name the browser set (`callerName`), when it is a short printable text. */
function callerName(dialog: Record<string, unknown>): { callerIdName?: string } {
  const name = dialog['caller_id_name'];
  return typeof name === 'string' && name.trim() !== '' ? { callerIdName: name.trim().slice(0, 128) } : {};
}
