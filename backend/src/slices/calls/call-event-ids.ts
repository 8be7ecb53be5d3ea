import { v5 as uuidv5 } from 'uuid';

/**
 * Event ids derived from the identity of the Telnyx fact they record: the same callback delivered
 * twice yields the same id, and the store appends it once.
 */
const CALL_EVENTS_NAMESPACE = '0d3c7a52-6a8e-4a4f-9f5e-2b1c8e7d4a60';

export const callEventIds = {
  routed: (callSid: string) => uuidv5(`${callSid}|routed`, CALL_EVENTS_NAMESPACE),
  refused: (callSid: string) => uuidv5(`${callSid}|refused`, CALL_EVENTS_NAMESPACE),
  status: (callSid: string, status: string, sequenceNumber: number | null) =>
    uuidv5(`${callSid}|status|${status}|${sequenceNumber ?? ''}`, CALL_EVENTS_NAMESPACE),
  dial: (callSid: string, dialCallSid: string) => uuidv5(`${callSid}|dial|${dialCallSid}`, CALL_EVENTS_NAMESPACE),
  recording: (recordingSid: string) => uuidv5(`recording|${recordingSid}`, CALL_EVENTS_NAMESPACE),
  recordingStored: (recordingSid: string) => uuidv5(`recording-stored|${recordingSid}`, CALL_EVENTS_NAMESPACE),
  recordingCopyFailed: (recordingSid: string) => uuidv5(`recording-copy-failed|${recordingSid}`, CALL_EVENTS_NAMESPACE),
  recordingPurged: (recordingSid: string) => uuidv5(`recording-purged|${recordingSid}`, CALL_EVENTS_NAMESPACE),
  /** Ties every event of one call together. */
  correlation: (callSid: string) => uuidv5(`call|${callSid}`, CALL_EVENTS_NAMESPACE),
};
