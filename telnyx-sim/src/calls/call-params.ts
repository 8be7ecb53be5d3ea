import type { RecordingSource, SimRecording } from '../recordings/recording-store';
import type { SimCall } from './sim-call';

/**
 * The form parameters Telnyx sends about a call: on every TeXML request, on status callbacks and
 * on recording callbacks (names and formats as in Telnyx's TeXML webhook reference).
 */

export function texmlRequestParams(call: SimCall, callStatus: string = call.status): Record<string, string> {
  const params: Record<string, string> = {
    AccountSid: call.origin.accountId,
    CallSid: call.sid,
    CallSidLegacy: call.legacySid,
    From: call.origin.from,
    To: call.origin.to,
    ConnectionId: call.origin.connectionId,
    ApiVersion: '2010-04-01',
    CallStatus: callStatus,
  };
  if (call.origin.callerIdName) params['CallerId'] = call.origin.callerIdName;
  return params;
}

export function statusCallbackParams(call: SimCall, isFinal: boolean): Record<string, string> {
  const params: Record<string, string> = {
    AccountSid: call.origin.accountId,
    CallSid: call.sid,
    CallSidLegacy: call.legacySid,
    CallStatus: call.status,
    CallbackSource: 'call-progress-events',
    ConnectionId: call.origin.connectionId,
    From: call.origin.from,
    To: call.origin.to,
    SequenceNumber: String(call.nextSequenceNumber()),
    Timestamp: call.simTimestamp(),
    CallInitiatedAt: new Date(call.initiatedAt).toISOString(),
    CallDuration: String(call.durationSec()),
  };
  if (!isFinal) return params;
  params['HangupCause'] = call.hangupCause ?? 'normal_clearing';
  if (call.lastDial) {
    params['DialCallStatus'] = call.lastDial.status;
    params['DialCallSid'] = call.lastDial.sid;
    params['DialCallDuration'] = String(call.lastDial.durationSec);
  }
  if (call.lastRecording) {
    params['RecordingUrl'] = call.lastRecording.url;
    params['RecordingDuration'] = String(call.lastRecording.durationSec);
  }
  if (call.errorMessage) params['ErrorMessage'] = call.errorMessage;
  return params;
}

export function recordingCallbackParams(call: SimCall, recording: SimRecording, url: string): Record<string, string> {
  return {
    AccountSid: call.origin.accountId,
    CallSid: call.sid,
    CallSidLegacy: call.legacySid,
    ConnectionId: call.origin.connectionId,
    RecordingChannels: String(recording.channels),
    RecordingDuration: String(recordingSeconds(recording.durationMs)),
    RecordingSid: recording.id,
    RecordingSource: recording.source satisfies RecordingSource,
    RecordingStatus: 'completed',
    RecordingUrl: url,
  };
}

export function recordingSeconds(durationMs: number): number {
  return Math.round(durationMs / 1000);
}
