import { usePhoneStore } from './phone-store';
import type { VoiceCall, VoiceClient } from './voice-client';

/** What the phone's composables share: the connected SDK client and the SDK calls behind the store's calls. */
export interface VoiceSession {
  /** Null while the phone is not connected (or is disconnecting). */
  client: VoiceClient | null;
  /** The SDK's call objects by id; the store holds what the page shows of them. */
  readonly calls: Map<string, VoiceCall>;
  /** The SDK call behind the store's current call. */
  current(): VoiceCall | undefined;
  /** The SDK call behind the store's ringing incoming call. */
  incoming(): VoiceCall | undefined;
}

export function createVoiceSession(): VoiceSession {
  const phone = usePhoneStore();
  const calls = new Map<string, VoiceCall>();
  return {
    client: null,
    calls,
    current: () => (phone.currentCall ? calls.get(phone.currentCall.id) : undefined),
    incoming: () => (phone.incomingCall ? calls.get(phone.incomingCall.id) : undefined),
  };
}
