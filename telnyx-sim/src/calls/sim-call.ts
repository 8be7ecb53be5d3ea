import { randomBytes } from 'node:crypto';
import type { HttpMethod } from '../texml/texml-document';
import { SimClock } from './sim-clock';

/** The state and timeline of one simulated call, as `GET /sim/calls/{sid}` shows it. */

export type CallStatus =
  'queued' | 'initiated' | 'ringing' | 'in-progress' | 'completed' | 'busy' | 'no-answer' | 'failed' | 'canceled';

export type DialCallStatus = 'completed' | 'busy' | 'no-answer' | 'failed' | 'canceled';

export interface TimelineEntry {
  /** Wall-clock time of the entry. */
  at: string;
  /** Simulated ms since the call started. */
  sim_ms: number;
  type:
    | 'call_created'
    | 'status'
    | 'texml_fetch'
    | 'verb'
    | 'dial'
    | 'recording'
    | 'callback'
    | 'application_error'
    | 'hangup'
    // reported by the WebRTC gateway for calls with a browser
    | 'dtmf'
    | 'hold'
    | 'media';
  [detail: string]: unknown;
}

export interface CallOrigin {
  direction: 'inbound' | 'outbound';
  accountId: string;
  connectionId: string;
  from: string;
  to: string;
  /** `CallerId` on TeXML requests: the caller's display name, only when one was set. */
  callerIdName?: string;
  /** First TeXML fetch: the TeXML application's voice_url or the credential connection's webhook_event_url. */
  texmlUrl: string;
  texmlMethod: HttpMethod;
  texmlFallbackUrl?: string;
  statusCallback?: { url: string; method: HttpMethod };
  voicemailMs?: number;
}

export interface LastDial {
  status: DialCallStatus;
  sid: string;
  durationSec: number;
}

export interface LastRecording {
  sid: string;
  url: string;
  durationSec: number;
}

export class SimCall {
  readonly sid = newCallSid();
  /** Telnyx sends the same value as CallSidLegacy. */
  readonly legacySid = this.sid;
  readonly clock: SimClock;
  readonly initiatedAt = Date.now();
  readonly timeline: TimelineEntry[] = [];
  status: CallStatus = 'queued';
  answeredAtSimMs: number | undefined;
  endedAtSimMs: number | undefined;
  hangupCause: string | undefined;
  lastDial: LastDial | undefined;
  lastRecording: LastRecording | undefined;
  recordingSids: string[] = [];
  errorMessage: string | undefined;
  /** Ended and every callback delivered (or given up on). */
  settled = false;
  private sequence = 0;
  private readonly hangupController = new AbortController();

  constructor(
    readonly origin: CallOrigin,
    timeScale: () => number,
  ) {
    this.clock = new SimClock(timeScale);
  }

  /** Aborts when the caller hangs up (or the simulator shuts down). */
  get callerGone(): AbortSignal {
    return this.hangupController.signal;
  }

  callerHangsUp(): void {
    if (this.hangupController.signal.aborted || this.endedAtSimMs !== undefined) return;
    this.note('hangup', { by: 'caller', sim_ms: this.clock.observe() });
    this.hangupController.abort();
  }

  /** Called on every status change (the engine forwards them to its listeners). */
  onStatus: ((status: CallStatus) => void) | undefined;

  /** Called when a `<Dial>` of this call is answered (the engine forwards it to its listeners). */
  onDialAnswered: ((dialCallSid: string, target: string) => void) | undefined;

  setStatus(status: CallStatus): void {
    this.status = status;
    this.note('status', { status });
    this.onStatus?.(status);
  }

  nextSequenceNumber(): number {
    return this.sequence++;
  }

  /** Simulated instant as a wall-clock ISO timestamp (call start + simulated offset). */
  simTimestamp(simMs = this.clock.now()): string {
    return new Date(this.initiatedAt + simMs).toISOString();
  }

  /** Whole seconds the call has been answered for. */
  durationSec(untilSimMs = this.endedAtSimMs ?? this.clock.now()): number {
    return this.answeredAtSimMs === undefined ? 0 : Math.round((untilSimMs - this.answeredAtSimMs) / 1000);
  }

  note(type: TimelineEntry['type'], detail: Record<string, unknown> = {}): void {
    this.timeline.push({ at: new Date().toISOString(), sim_ms: Math.round(this.clock.now()), type, ...detail });
  }

  view() {
    return {
      call_sid: this.sid,
      call_sid_legacy: this.legacySid,
      direction: this.origin.direction,
      account_id: this.origin.accountId,
      connection_id: this.origin.connectionId,
      from: this.origin.from,
      to: this.origin.to,
      status: this.status,
      settled: this.settled,
      initiated_at: new Date(this.initiatedAt).toISOString(),
      duration_sec: this.durationSec(),
      hangup_cause: this.hangupCause ?? null,
      error: this.errorMessage ?? null,
      recordings: this.recordingSids,
      timeline: this.timeline,
    };
  }
}

export type SimCallView = ReturnType<SimCall['view']>;

/** `v3:` + url-safe random, the shape of Telnyx's TeXML call sids. */
export function newCallSid(): string {
  return `v3:${randomBytes(36).toString('base64url')}`;
}
