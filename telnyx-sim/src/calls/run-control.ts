import type { TexmlDocument } from '../texml/texml-document';
import type { CallStatus } from './sim-call';

/**
 * How a call run is steered: what each verb asks for next, how the call ends, the two ways a run
 * stops early, and why a TeXML document is requested.
 */

/** What a verb asks the runner to do next. */
export type NextStep =
  { kind: 'continue' } | { kind: 'document'; document: TexmlDocument } | { kind: 'end'; ending: Ending };

export interface Ending {
  status: CallStatus;
  cause: string;
}

/** The caller hung up: the call stops wherever it is. */
export class CallerGone extends Error {}

/** The customer's application misbehaved (unreachable, non-2xx, invalid TeXML): the call fails. */
export class ApplicationError extends Error {}

export type FetchPurpose =
  | 'voice_url'
  | 'voice_fallback_url'
  | 'outbound_webhook'
  | 'redirect'
  | 'dial_action'
  | 'record_action'
  | 'gather_action';
