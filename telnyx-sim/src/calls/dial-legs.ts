/**
 * What `<Dial>` rings. A target is either a scripted callee (PSTN numbers and SIP URIs nobody is
 * registered for) or a registered SIP endpoint — a WebRTC client logged in with a telephony
 * credential, provided by the WebRTC gateway through `SipEndpointRegistry`.
 */

export interface DialOffer {
  /** The call that is dialing (parent). */
  callSid: string;
  /** The new leg's sid (DialCallSid). */
  dialCallSid: string;
  /** Caller id presented to the callee (Dial callerId, else the caller's number). */
  from: string;
  /** The dialed number or SIP URI. */
  to: string;
}

export type RingOutcome = 'answered' | 'busy' | 'rejected' | 'failed';

export interface DialLeg {
  /** Settles when the far end answers or turns the call down; stays pending while it rings. */
  readonly outcome: Promise<RingOutcome>;
  /** Settles when the far end hangs up an answered call. */
  readonly farEndHangup: Promise<void>;
  /**
   * The engine ends the leg: stops ringing (timeout, caller gone, answered elsewhere) or hangs up
   * the bridged call. After this the leg's promises are ignored.
   */
  end(cause: string): void;
}

export interface SipEndpoint {
  ring(offer: DialOffer): DialLeg;
}

export interface SipEndpointRegistry {
  /** The endpoint registered for this SIP username, if it is online. */
  lookup(sipUsername: string): SipEndpoint | undefined;
}

/** No WebRTC gateway attached: every SIP target is played by a scripted callee. */
export const noSipEndpoints: SipEndpointRegistry = { lookup: () => undefined };

/** `sip:alice@sip.telnyx.com` → `alice`. */
export function sipUsernameOf(uri: string): string | undefined {
  return /^sips?:([^@]+)@/i.exec(uri)?.[1];
}
