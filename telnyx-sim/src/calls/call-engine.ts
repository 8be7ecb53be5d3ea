import { EventEmitter } from 'node:events';
import { CallbackLane, type DeliveryAttempt } from '../callbacks/callback-lane';
import { RecordingStore } from '../recordings/recording-store';
import type { AccountSigners } from '../signing/account-signers';
import type { WebhookSigner } from '../signing/webhook-signer';
import type { StoredResource, SimState } from '../state/sim-state';
import type { HttpMethod } from '../texml/texml-document';
import { CallRun } from './call-run';
import { CalleeScripts } from './callee-scripts';
import { noSipEndpoints, type SipEndpointRegistry } from './dial-legs';
import {
  applySettingsPatch,
  defaultCallEngineSettings,
  type CallEngineSettings,
  type CallEngineSettingsPatch,
} from './engine-settings';
import { credentialConnectionId, sipUriVerdict } from './sip-uri-calling';
import { SimCall, type CallOrigin, type CallStatus, type SimCallView } from './sim-call';
import { invalidParameter, notFound } from './telnyx-errors';

/**
 * The simulated telephone network: places inbound calls to owned numbers and outbound calls from
 * WebRTC users, runs their TeXML, and keeps every call's timeline for inspection.
 */

export interface CallEngineOptions {
  state: SimState;
  signer: WebhookSigner;
  /** When given, each call's requests are signed with the key of the account that owns it. */
  signers?: AccountSigners;
  /** Base URL under which the simulator is reachable (recording URLs are built on it). */
  publicUrl: () => string;
  sipEndpoints?: SipEndpointRegistry;
  settings?: CallEngineSettingsPatch;
}

export interface InboundCallRequest {
  from: string;
  to: string;
  /** How long the caller speaks into a `<Record>` on this call (simulated ms). */
  voicemailMs?: number;
}

export interface OutboundCallRequest {
  sipUsername: string;
  to: string;
  /**
   * The caller name the browser chose (`callerName`), passed on as `CallerId`. The browser's
   * `callerNumber` is not taken: `From` is the SIP URI of the credential the browser logged in with.
   */
  callerIdName?: string;
  voicemailMs?: number;
}

export interface CallStatusEvent {
  callSid: string;
  status: CallStatus;
}

export interface DialAnsweredEvent {
  callSid: string;
  dialCallSid: string;
  target: string;
}

export class CallEngine {
  readonly settings: CallEngineSettings;
  readonly callees = new CalleeScripts();
  readonly recordings = new RecordingStore();
  /** The WebRTC gateway replaces this when it starts. */
  sipEndpoints: SipEndpointRegistry;
  private readonly calls = new Map<string, SimCall>();
  private readonly lanes = new Map<string, CallbackLane>();
  private readonly settledCalls = new Map<string, Promise<SimCallView>>();
  private readonly events = new EventEmitter();

  constructor(private readonly options: CallEngineOptions) {
    this.settings = applySettingsPatch(defaultCallEngineSettings(), options.settings ?? {});
    this.sipEndpoints = options.sipEndpoints ?? noSipEndpoints;
  }

  updateSettings(patch: CallEngineSettingsPatch): CallEngineSettings {
    return applySettingsPatch(this.settings, patch);
  }

  /** A call from `from` to one of the simulator's numbers; its TeXML application answers it. */
  startInbound(request: InboundCallRequest): { callSid: string } {
    const number = this.options.state.findPhoneNumber(request.to);
    if (!number) throw notFound(`${request.to} is not a phone number of any account`, '/to');
    const connectionId = number.record['connection_id'];
    if (typeof connectionId !== 'string' || !connectionId)
      throw notFound(`${request.to} is not assigned to a connection`, '/to');
    const app = this.options.state.findConnection(connectionId);
    if (!app) throw notFound(`connection ${connectionId} of ${request.to} does not exist`, '/to');
    if (app.kind !== 'texml_application')
      throw invalidParameter(`${request.to} is assigned to a ${app.kind}, not a TeXML application`, '/to');
    const voiceUrl = stringField(app, 'voice_url');
    if (!voiceUrl) throw invalidParameter(`TeXML application ${connectionId} has no voice_url`, '/to');
    const statusCallback = stringField(app, 'status_callback');
    return this.start({
      direction: 'inbound',
      accountId: app.accountId,
      connectionId,
      from: request.from,
      to: request.to,
      texmlUrl: voiceUrl,
      texmlMethod: httpMethod(app.record['voice_method']),
      texmlFallbackUrl: stringField(app, 'voice_fallback_url'),
      statusCallback: statusCallback
        ? { url: statusCallback, method: httpMethod(app.record['status_callback_method']) }
        : undefined,
      voicemailMs: request.voicemailMs,
    });
  }

  /**
   * A call placed by a WebRTC user logged in with a telephony credential. Telnyx parks it and asks
   * the credential connection's `webhook_event_url` for TeXML, which usually dials `to`.
   */
  placeOutboundFromCredential(request: OutboundCallRequest): { callSid: string } {
    const credential = this.options.state.findCredentialBySipUsername(request.sipUsername);
    if (!credential)
      throw notFound(`no telephony credential with sip_username ${request.sipUsername}`, '/sip_username');
    const connectionId = credentialConnectionId(credential.record);
    const connection = typeof connectionId === 'string' ? this.options.state.findConnection(connectionId) : undefined;
    if (!connection || connection.kind !== 'credential_connection' || typeof connectionId !== 'string') {
      throw notFound(`credential ${credential.record.id} has no credential connection`, '/sip_username');
    }
    const webhookUrl = stringField(connection, 'webhook_event_url');
    if (!webhookUrl)
      throw invalidParameter(`credential connection ${connectionId} has no webhook_event_url`, '/sip_username');
    const statusCallback = stringField(connection, 'status_callback');
    return this.start({
      direction: 'outbound',
      accountId: connection.accountId,
      connectionId,
      from: `sip:${request.sipUsername}@sip.telnyx.com`,
      ...(request.callerIdName ? { callerIdName: request.callerIdName } : {}),
      to: request.to,
      texmlUrl: webhookUrl,
      texmlMethod: 'POST',
      texmlFallbackUrl: stringField(connection, 'webhook_event_failover_url'),
      statusCallback: statusCallback
        ? { url: statusCallback, method: httpMethod(connection.record['status_callback_method']) }
        : undefined,
      voicemailMs: request.voicemailMs,
    });
  }

  /** The caller hangs up. False when the call is unknown or already over. */
  hangup(callSid: string): boolean {
    const call = this.calls.get(callSid);
    if (!call || call.endedAtSimMs !== undefined) return false;
    call.callerHangsUp();
    return true;
  }

  get(callSid: string): SimCallView | undefined {
    return this.calls.get(callSid)?.view();
  }

  list(): SimCallView[] {
    return [...this.calls.values()].map((c) => c.view());
  }

  /** Resolves when the call has ended and all its callbacks were delivered (or given up on). */
  waitForCall(callSid: string, timeoutMs = 10_000): Promise<SimCallView> {
    const settled = this.settledCalls.get(callSid);
    if (!settled) return Promise.reject(new Error(`unknown call ${callSid}`));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`call ${callSid} did not finish within ${timeoutMs} ms`)),
        timeoutMs,
      );
      settled.then((view) => {
        clearTimeout(timer);
        resolve(view);
      }, reject);
    });
  }

  /** Every status change of every call (for the WebRTC gateway and live views). */
  onCallStatus(listener: (event: CallStatusEvent) => void): () => void {
    this.events.on('status', listener);
    return () => this.events.off('status', listener);
  }

  /** Every `<Dial>` that got answered (the WebRTC gateway answers a browser's outbound call then). */
  onDialAnswered(listener: (event: DialAnsweredEvent) => void): () => void {
    this.events.on('dial-answered', listener);
    return () => this.events.off('dial-answered', listener);
  }

  /** Adds what happened outside the TeXML run (browser DTMF, hold, media) to a call's timeline. */
  annotate(callSid: string, type: 'dtmf' | 'hold' | 'media', detail: Record<string, unknown>): boolean {
    const call = this.calls.get(callSid);
    if (!call) return false;
    call.note(type, detail);
    return true;
  }

  /** Ends every call and stops pending deliveries. */
  close(): void {
    for (const call of this.calls.values()) call.callerHangsUp();
    for (const lane of this.lanes.values()) lane.cancel();
  }

  private start(origin: CallOrigin): { callSid: string } {
    const call = new SimCall(origin, () => this.settings.timeScale);
    const signer = this.options.signers?.lazySignerFor(origin.accountId) ?? this.options.signer;
    const lane = new CallbackLane(
      signer,
      () => ({
        maxAttempts: this.settings.callbackMaxAttempts,
        retryBaseMs: this.settings.callbackRetryBaseMs,
        timeScale: this.settings.timeScale,
        timeoutMs: this.settings.httpTimeoutMs,
        chaos: { ...this.settings.callbackChaos },
      }),
      (attempt) => call.note('callback', callbackEntry(attempt)),
    );
    this.calls.set(call.sid, call);
    this.lanes.set(call.sid, lane);
    const run = new CallRun(call, {
      signer,
      settings: () => this.settings,
      callees: this.callees,
      sipEndpoints: () => this.sipEndpoints,
      sipUriVerdict: (uri) => sipUriVerdict(this.options.state, uri, origin.accountId),
      recordings: this.recordings,
      publicUrl: this.options.publicUrl,
      lane,
    });
    call.onStatus = (status) => this.events.emit('status', { callSid: call.sid, status } satisfies CallStatusEvent);
    call.onDialAnswered = (dialCallSid, target) =>
      this.events.emit('dial-answered', { callSid: call.sid, dialCallSid, target } satisfies DialAnsweredEvent);
    const settled = run
      .run()
      .then(() => lane.finish())
      .then(() => {
        call.settled = true;
        this.lanes.delete(call.sid);
        return call.view();
      });
    this.settledCalls.set(call.sid, settled);
    return { callSid: call.sid };
  }
}

function callbackEntry(a: DeliveryAttempt): Record<string, unknown> {
  return {
    kind: a.kind,
    url: a.url,
    method: a.method,
    params: a.params,
    attempt: a.attempt,
    duplicate: a.duplicate,
    final: a.final,
    delivered: a.delivered,
    ...(a.status !== undefined ? { response_status: a.status } : { error: a.error }),
  };
}

function stringField(resource: StoredResource, field: string): string | undefined {
  const value = resource.record[field];
  return typeof value === 'string' && value ? value : undefined;
}

function httpMethod(value: unknown): HttpMethod {
  return typeof value === 'string' && value.toUpperCase() === 'GET' ? 'GET' : 'POST';
}
