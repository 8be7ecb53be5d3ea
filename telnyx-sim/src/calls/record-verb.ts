import type { RecordVerb } from '../texml/texml-document';
import type { CallRun } from './call-run';
import type { NextStep } from './run-control';

/**
 * `<Record>` (voicemail): after the beep the caller speaks for a scripted time, then stays silent
 * until `timeout` ends the recording (the silence is trimmed, as Telnyx does by default), or
 * `maxLength` cuts it short, or the caller hangs up.
 */

const BEEP_MS = 500;

export async function runRecord(run: CallRun, verb: RecordVerb): Promise<NextStep> {
  const { call } = run;
  const speakMs = call.origin.voicemailMs ?? run.deps.settings().voicemailMs;
  call.note('verb', {
    verb: 'Record',
    max_length: verb.maxLengthSec,
    timeout: verb.timeoutSec,
    play_beep: verb.playBeep,
    caller_speaks_ms: speakMs,
  });
  if (verb.playBeep) await run.wait(BEEP_MS);

  const startedAt = call.clock.now();
  const maxMs = verb.maxLengthSec * 1000;
  const talkMs = Math.min(speakMs, maxMs);
  let digits = '';
  let recordedMs: number;
  if (!(await call.clock.sleep(talkMs, call.callerGone))) {
    recordedMs = call.clock.now() - startedAt;
    digits = 'hangup';
  } else {
    recordedMs = talkMs;
    if (talkMs < maxMs && !(await call.clock.sleep(verb.timeoutSec * 1000, call.callerGone))) digits = 'hangup';
  }

  const params: Record<string, string> = { Digits: digits };
  if (recordedMs > 0) {
    const { recording, url } = run.saveRecording({
      source: 'RecordVerb',
      channels: 1,
      durationMs: recordedMs,
      callback: verb.recordingStatusCallback,
      callbackMethod: verb.recordingStatusCallbackMethod,
    });
    Object.assign(params, {
      RecordingUrl: url,
      RecordingSid: recording.id,
      RecordingDuration: String(Math.round(recordedMs / 1000)),
    });
  }
  return run.followAction('record_action', verb.action, verb.method, params);
}
