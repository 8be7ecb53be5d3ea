import type { DialTarget, DialVerb } from '../texml/texml-document';
import type { CallRun } from './call-run';
import type { NextStep } from './run-control';
import { calleeKey, scriptedLeg } from './callee-scripts';
import { sipUsernameOf, type DialLeg, type DialOffer, type RingOutcome } from './dial-legs';
import { newCallSid, type DialCallStatus } from './sim-call';

/**
 * `<Dial>`: ring every target at once, bridge the first that answers, record the bridged call if
 * asked, then report to the action URL (or carry on with the next verb).
 */

interface RingingLeg {
  target: string;
  leg: DialLeg;
  /** Scripted legs act on exact simulated instants; outside ones are placed by the wall clock. */
  scripted: boolean;
}

type RingResult =
  | { kind: 'answered'; index: number; at: number }
  | { kind: 'declined'; outcomes: RingOutcome[] }
  | { kind: 'timeout' }
  | { kind: 'caller-gone' };

/** How the dial ended: its status, and for a bridged call when it was answered and how long it talked. */
interface DialResult {
  status: DialCallStatus;
  answeredAt: number | undefined;
  bridgedMs: number;
}

export async function runDial(run: CallRun, verb: DialVerb): Promise<NextStep> {
  const { call } = run;
  const clock = call.clock;
  const offer: DialOffer = {
    callSid: call.sid,
    dialCallSid: newCallSid(),
    from: verb.callerId ?? call.origin.from,
    to: '',
  };
  const legs = ringAll(run, verb, offer);
  const dialStartedAt = clock.now();

  const ringing = linkedAbort(call.callerGone);
  const rang = await Promise.race<RingResult>([
    clock
      .sleep(verb.timeoutSec * 1000, ringing.signal)
      .then((slept) => (slept ? { kind: 'timeout' } : { kind: 'caller-gone' })),
    firstAnswer(run, legs),
  ]);
  ringing.abort();

  const { status, answeredAt, bridgedMs } =
    rang.kind === 'answered' ? await bridge(run, verb, offer, legs, rang) : hangUpUnanswered(run, legs, rang);

  const durationSec = Math.round(bridgedMs / 1000);
  call.lastDial = { status, sid: offer.dialCallSid, durationSec };
  const actionParams: Record<string, string> = {
    DialCallStatus: status,
    DialCallSid: offer.dialCallSid,
    DialCallDuration: String(durationSec),
  };
  if (answeredAt !== undefined && verb.record !== 'do-not-record') {
    const from = verb.record.startsWith('record-from-ringing') ? dialStartedAt : answeredAt;
    Object.assign(actionParams, recordBridgedCall(run, verb, answeredAt + bridgedMs - from));
  }

  return run.followAction('dial_action', verb.action, verb.method, actionParams);
}

/** Rings every target of the verb with the same offer and notes the dial. */
function ringAll(run: CallRun, verb: DialVerb, offer: DialOffer): RingingLeg[] {
  const legs = verb.targets.map((target) => ring(run, target, { ...offer, to: targetAddress(target) }));
  run.call.note('verb', {
    verb: 'Dial',
    dial_call_sid: offer.dialCallSid,
    targets: legs.map((l) => ({ target: l.target, scripted: l.scripted })),
    caller_id: offer.from,
    timeout: verb.timeoutSec,
    time_limit: verb.timeLimitSec,
    record: verb.record,
  });
  return legs;
}

/** Connects the caller to the leg that answered (dropping the others) until either side hangs up or the time limit. */
async function bridge(
  run: CallRun,
  verb: DialVerb,
  offer: DialOffer,
  legs: RingingLeg[],
  rang: Extract<RingResult, { kind: 'answered' }>,
): Promise<DialResult> {
  const { call } = run;
  const clock = call.clock;
  const answeredAt = rang.at;
  legs.forEach((l, i) => i !== rang.index && endLeg(l, 'answered_elsewhere'));
  const bridged = legs[rang.index] as RingingLeg;
  call.onDialAnswered?.(offer.dialCallSid, bridged.target);
  const talking = linkedAbort(call.callerGone);
  const ended = await Promise.race<{ by: 'time-limit' | 'caller' | 'callee'; at: number }>([
    clock
      .sleep(verb.timeLimitSec * 1000, talking.signal)
      .then((slept) => ({ by: slept ? 'time-limit' : 'caller', at: clock.now() })),
    bridged.leg.farEndHangup.then(() => ({ by: 'callee', at: bridged.scripted ? clock.now() : clock.observe() })),
  ]);
  talking.abort();
  if (ended.by !== 'callee') endLeg(bridged, ended.by === 'time-limit' ? 'time_limit' : 'normal_clearing');
  const status: DialCallStatus = 'completed';
  const bridgedMs = ended.at - answeredAt;
  call.note('dial', {
    target: bridged.target,
    outcome: status,
    answered_at_sim_ms: Math.round(answeredAt),
    ended_by: ended.by,
    bridged_ms: Math.round(bridgedMs),
  });
  return { status, answeredAt, bridgedMs };
}

/** Nobody answered (or the caller left first): every leg stops ringing. */
function hangUpUnanswered(
  run: CallRun,
  legs: RingingLeg[],
  rang: Exclude<RingResult, { kind: 'answered' }>,
): DialResult {
  legs.forEach((l) => endLeg(l, rang.kind === 'timeout' ? 'timeout' : 'originator_cancel'));
  const status = dialStatusWithoutAnswer(rang);
  run.call.note('dial', { outcome: status, reason: rang.kind });
  return { status, answeredAt: undefined, bridgedMs: 0 };
}

/** Stores the bridged call's recording; the action URL is told where it is. */
function recordBridgedCall(run: CallRun, verb: DialVerb, durationMs: number): Record<string, string> {
  const { recording, url } = run.saveRecording({
    source: 'DialVerb',
    channels: verb.record.endsWith('-dual') ? 2 : 1,
    durationMs,
    callback: verb.recordingStatusCallback,
    callbackMethod: verb.recordingStatusCallbackMethod,
  });
  return {
    RecordingUrl: url,
    RecordingSid: recording.id,
    RecordingDuration: String(Math.round(recording.durationMs / 1000)),
  };
}

function ring(run: CallRun, target: DialTarget, offer: DialOffer): RingingLeg {
  const address = targetAddress(target);
  if (target.noun === 'Sip') {
    const verdict = run.deps.sipUriVerdict(target.uri);
    if (verdict.kind === 'refused') {
      // Telnyx turns the INVITE down before anything rings: the dial fails.
      run.call.note('dial', { target: address, refused: 'sip_uri_calling', preference: verdict.preference });
      return { target: address, leg: failedLeg(), scripted: true };
    }
    const username = sipUsernameOf(target.uri);
    const endpoint = username ? run.deps.sipEndpoints().lookup(username) : undefined;
    if (endpoint) {
      try {
        return { target: address, leg: endpoint.ring(offer), scripted: false };
      } catch {
        return { target: address, leg: failedLeg(), scripted: true };
      }
    }
  }
  return {
    target: address,
    leg: scriptedLeg(run.deps.callees.get(calleeKey(address)), run.call.clock, offer),
    scripted: true,
  };
}

function firstAnswer(run: CallRun, legs: RingingLeg[]): Promise<RingResult> {
  const clock = run.call.clock;
  return new Promise((resolve) => {
    const outcomes: RingOutcome[] = [];
    let declined = 0;
    legs.forEach((l, index) => {
      const settle = (outcome: RingOutcome) => {
        const at = l.scripted ? clock.now() : clock.observe();
        if (outcome === 'answered') return resolve({ kind: 'answered', index, at });
        outcomes[index] = outcome;
        if (++declined === legs.length) resolve({ kind: 'declined', outcomes });
      };
      l.leg.outcome.then(settle, () => settle('failed'));
    });
  });
}

function dialStatusWithoutAnswer(rang: Exclude<RingResult, { kind: 'answered' }>): DialCallStatus {
  if (rang.kind === 'timeout') return 'no-answer';
  if (rang.kind === 'caller-gone') return 'canceled';
  return rang.outcomes.some((o) => o === 'busy' || o === 'rejected') ? 'busy' : 'failed';
}

function targetAddress(target: DialTarget): string {
  return target.noun === 'Number' ? target.number : target.uri;
}

function endLeg(l: RingingLeg, cause: string): void {
  try {
    l.leg.end(cause);
  } catch {
    // an outside endpoint failing to hang up must not take the call engine down
  }
}

function failedLeg(): DialLeg {
  const never = new Promise<never>(() => {});
  return { outcome: Promise.resolve('failed'), farEndHangup: never, end: () => {} };
}

/** An AbortController that also aborts when `parent` does. */
function linkedAbort(parent: AbortSignal): AbortController {
  const controller = new AbortController();
  if (parent.aborted) controller.abort();
  else {
    const onAbort = () => controller.abort();
    parent.addEventListener('abort', onAbort, { once: true });
    controller.signal.addEventListener('abort', () => parent.removeEventListener('abort', onAbort), { once: true });
  }
  return controller;
}
