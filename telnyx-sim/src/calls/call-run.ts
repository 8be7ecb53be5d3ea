import type { CallbackLane } from '../callbacks/callback-lane';
import { sendSignedForm } from '../callbacks/signed-request';
import { recordingPath, type RecordingSource, type RecordingStore } from '../recordings/recording-store';
import type { BodySigner } from '../signing/account-signers';
import { parseTexml } from '../texml/parse-texml';
import type { HttpMethod, TexmlDocument } from '../texml/texml-document';
import { recordingCallbackParams, recordingSeconds, statusCallbackParams, texmlRequestParams } from './call-params';
import type { CalleeScripts } from './callee-scripts';
import type { SipEndpointRegistry } from './dial-legs';
import type { CallEngineSettings } from './engine-settings';
import type { SipUriVerdict } from './sip-uri-calling';
import { ApplicationError, CallerGone, type Ending, type FetchPurpose, type NextStep } from './run-control';
import { runVerb } from './run-verb';
import type { CallStatus, SimCall } from './sim-call';

/**
 * Executes a call's TeXML the way Telnyx does: fetch the document, run its verbs in order, follow
 * Redirect and action URLs, and report progress through status callbacks.
 */

export interface CallRunDeps {
  signer: BodySigner;
  settings: () => CallEngineSettings;
  callees: CalleeScripts;
  sipEndpoints: () => SipEndpointRegistry;
  /** Whether Telnyx lets this call reach a `sip:…@sip.telnyx.com` user (the connection's SIP URI calling). */
  sipUriVerdict: (uri: string) => SipUriVerdict;
  recordings: RecordingStore;
  publicUrl: () => string;
  lane: CallbackLane;
}

const MAX_DOCUMENTS = 50;
const MAX_VERBS = 1000;

export class CallRun {
  private documentUrl: string;
  private documentsFetched = 0;
  private verbsRun = 0;

  constructor(
    readonly call: SimCall,
    readonly deps: CallRunDeps,
  ) {
    this.documentUrl = call.origin.texmlUrl;
  }

  async run(): Promise<void> {
    const { call } = this;
    call.note('call_created', {
      direction: call.origin.direction,
      from: call.origin.from,
      to: call.origin.to,
      connection_id: call.origin.connectionId,
    });
    this.setStatus('initiated');
    this.setStatus('ringing');
    let ending: Ending;
    try {
      const first = await this.fetchDocument(
        call.origin.direction === 'inbound' ? 'voice_url' : 'outbound_webhook',
        call.origin.texmlUrl,
        call.origin.texmlMethod,
        {},
        call.origin.texmlFallbackUrl,
      );
      ending = await this.execute(first);
    } catch (error) {
      ending = this.endingFor(error);
    }
    this.finish(ending);
  }

  // ---- helpers the verbs use ----

  /** Waits simulated time; throws CallerGone if the caller hangs up meanwhile. */
  async wait(ms: number): Promise<void> {
    if (!(await this.call.clock.sleep(ms, this.call.callerGone))) throw new CallerGone();
  }

  ensureCallerPresent(): void {
    if (this.call.callerGone.aborted) throw new CallerGone();
  }

  resolveUrl(url: string): string {
    return new URL(url, this.documentUrl).toString();
  }

  /** Requests TeXML (signed, with the call's parameters) and parses it. */
  async fetchDocument(
    purpose: FetchPurpose,
    url: string,
    method: HttpMethod,
    extraParams: Record<string, string>,
    fallbackUrl?: string,
  ): Promise<TexmlDocument> {
    if (++this.documentsFetched > MAX_DOCUMENTS)
      throw new ApplicationError(`more than ${MAX_DOCUMENTS} TeXML documents fetched for one call`);
    const callStatus = this.call.callerGone.aborted ? 'completed' : this.call.status;
    const params = { ...texmlRequestParams(this.call, callStatus), ...extraParams };
    const response = await sendSignedForm(
      this.deps.signer,
      { url, method, params },
      this.deps.settings().httpTimeoutMs,
    );
    this.call.note('texml_fetch', {
      purpose,
      url,
      method,
      params,
      ...(response.ok ? { response_status: response.status, response_body: response.body } : { error: response.error }),
    });
    const failure = !response.ok
      ? response.error
      : response.status < 200 || response.status >= 300
        ? `HTTP ${response.status}`
        : undefined;
    if (failure !== undefined || !response.ok) {
      if (fallbackUrl) return this.fetchDocument('voice_fallback_url', fallbackUrl, method, extraParams);
      throw new ApplicationError(`TeXML request to ${url} failed: ${failure}`);
    }
    const parsed = parseTexml(response.body);
    if (!parsed.ok) throw new ApplicationError(`Invalid TeXML from ${url}: ${parsed.error.message}`);
    this.documentUrl = url;
    return parsed.document;
  }

  /** Requests an action URL and continues with its TeXML; once the caller is gone, only notifies it. */
  async followAction(
    purpose: FetchPurpose,
    action: string | undefined,
    method: HttpMethod,
    params: Record<string, string>,
  ): Promise<NextStep> {
    if (this.call.callerGone.aborted) {
      if (action) await this.fetchDocument(purpose, this.resolveUrl(action), method, params).catch(() => undefined);
      throw new CallerGone();
    }
    if (!action) return { kind: 'continue' };
    return { kind: 'document', document: await this.fetchDocument(purpose, this.resolveUrl(action), method, params) };
  }

  /** Stores a finished recording and sends its recording callback. */
  saveRecording(input: {
    source: RecordingSource;
    channels: 1 | 2;
    durationMs: number;
    callback?: string;
    callbackMethod: HttpMethod;
  }) {
    const { call, deps } = this;
    const recording = deps.recordings.add({
      callSid: call.sid,
      accountId: call.origin.accountId,
      connectionId: call.origin.connectionId,
      source: input.source,
      channels: input.channels,
      durationMs: input.durationMs,
    });
    const url = deps.publicUrl() + recordingPath(recording.id);
    call.recordingSids.push(recording.id);
    call.lastRecording = { sid: recording.id, url, durationSec: recordingSeconds(recording.durationMs) };
    call.note('recording', {
      recording_sid: recording.id,
      url,
      source: input.source,
      channels: input.channels,
      duration_ms: Math.round(input.durationMs),
    });
    if (input.callback) {
      deps.lane.enqueue({
        kind: 'recording',
        url: this.resolveUrl(input.callback),
        method: input.callbackMethod,
        params: recordingCallbackParams(call, recording, url),
      });
    }
    return { recording, url };
  }

  // ---- the verb loop ----

  private async execute(document: TexmlDocument): Promise<Ending> {
    let verbs = document.verbs;
    let index = 0;
    for (;;) {
      const verb = verbs[index++];
      if (!verb) {
        this.answer();
        return { status: 'completed', cause: 'normal_clearing' };
      }
      if (++this.verbsRun > MAX_VERBS) throw new ApplicationError(`more than ${MAX_VERBS} verbs executed for one call`);
      this.ensureCallerPresent();
      if (verb.verb !== 'Reject') this.answer();
      const next = await runVerb(this, verb);
      if (next.kind === 'end') return next.ending;
      if (next.kind === 'document') {
        verbs = next.document.verbs;
        index = 0;
      }
    }
  }

  // ---- call state ----

  private answer(): void {
    if (this.call.answeredAtSimMs !== undefined) return;
    this.call.answeredAtSimMs = this.call.clock.now();
    this.setStatus('in-progress');
  }

  private setStatus(status: CallStatus, isFinal = false): void {
    const { call, deps } = this;
    call.setStatus(status);
    const callback = call.origin.statusCallback;
    if (callback)
      deps.lane.enqueue({
        kind: 'status',
        url: callback.url,
        method: callback.method,
        params: statusCallbackParams(call, isFinal),
      });
  }

  private endingFor(error: unknown): Ending {
    if (error instanceof CallerGone) {
      return this.call.answeredAtSimMs !== undefined
        ? { status: 'completed', cause: 'normal_clearing' }
        : { status: 'canceled', cause: 'originator_cancel' };
    }
    const message = error instanceof ApplicationError ? error.message : `simulator error: ${String(error)}`;
    this.call.errorMessage = message;
    this.call.note('application_error', { message });
    return { status: 'failed', cause: 'unspecified' };
  }

  private finish(ending: Ending): void {
    const { call, deps } = this;
    if (call.callerGone.aborted && ending.status !== 'failed') {
      ending = endingAfterCallerHangup(call);
    }
    call.endedAtSimMs = call.clock.now();
    call.hangupCause = ending.cause;
    call.clock.stop();
    deps.recordings.callEnded(call.sid, deps.settings().recordingUrlTtlMs);
    this.setStatus(ending.status, true);
  }
}

function endingAfterCallerHangup(call: SimCall): Ending {
  return call.answeredAtSimMs !== undefined
    ? { status: 'completed', cause: 'normal_clearing' }
    : { status: 'canceled', cause: 'originator_cancel' };
}
