/**
 * A parsed, validated TeXML document: the verbs of `<Response>` in document order, with
 * attributes already checked and converted (seconds as numbers, booleans as booleans).
 * URLs stay as written; the call engine resolves relative ones against the document URL.
 */

export type HttpMethod = 'GET' | 'POST';

export type DialRecordMode =
  | 'do-not-record'
  | 'record-from-answer'
  | 'record-from-ringing'
  | 'record-from-answer-dual'
  | 'record-from-ringing-dual';

export interface SayVerb {
  verb: 'Say';
  text: string;
  voice?: string;
  language?: string;
  /** 0 means "until the call moves on", which the engine caps. */
  loop: number;
}

export interface PlayVerb {
  verb: 'Play';
  url: string;
  loop: number;
}

export interface PauseVerb {
  verb: 'Pause';
  lengthSec: number;
}

export type DialTarget = { noun: 'Number'; number: string } | { noun: 'Sip'; uri: string };

export interface DialVerb {
  verb: 'Dial';
  targets: DialTarget[];
  action?: string;
  method: HttpMethod;
  timeoutSec: number;
  callerId?: string;
  timeLimitSec: number;
  record: DialRecordMode;
  recordingStatusCallback?: string;
  recordingStatusCallbackMethod: HttpMethod;
}

export interface RecordVerb {
  verb: 'Record';
  action?: string;
  method: HttpMethod;
  maxLengthSec: number;
  /** Seconds of silence that end the recording. */
  timeoutSec: number;
  playBeep: boolean;
  finishOnKey: string;
  recordingStatusCallback?: string;
  recordingStatusCallbackMethod: HttpMethod;
}

export interface GatherVerb {
  verb: 'Gather';
  action?: string;
  method: HttpMethod;
  timeoutSec: number;
  /** Prompts played while waiting for input. */
  prompts: (SayVerb | PlayVerb | PauseVerb)[];
}

export interface HangupVerb {
  verb: 'Hangup';
}

export interface RejectVerb {
  verb: 'Reject';
  reason: 'rejected' | 'busy';
}

export interface RedirectVerb {
  verb: 'Redirect';
  url: string;
  method: HttpMethod;
}

export type TexmlVerb =
  SayVerb | PlayVerb | PauseVerb | DialVerb | RecordVerb | GatherVerb | HangupVerb | RejectVerb | RedirectVerb;

export interface TexmlDocument {
  verbs: TexmlVerb[];
}

export interface TexmlError {
  /** `parse`: not well-formed XML; `schema`: well-formed but not valid TeXML. */
  kind: 'parse' | 'schema';
  message: string;
}

export type TexmlParseResult = { ok: true; document: TexmlDocument } | { ok: false; error: TexmlError };
