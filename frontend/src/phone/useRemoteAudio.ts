import { usePhoneStore } from './phone-store';
import type { VoiceCall } from './voice-client';
import type { VoiceSession } from './voice-session';

/** Not every browser can choose the speaker of an element (setSinkId). */
type RoutableAudio = HTMLAudioElement & { setSinkId?: (id: string) => Promise<void> };

/** Plays the far end's voice in the page's <audio autoplay> element, on the speaker the agent chose. */
export function useRemoteAudio(session: VoiceSession) {
  const phone = usePhoneStore();
  let element: RoutableAudio | null = null;

  function play(call: VoiceCall): void {
    if (!element) return;
    const stream = call.remoteStream;
    if (stream && element.srcObject !== stream) {
      element.srcObject = stream;
      void element.play().catch(() => undefined);
    }
  }

  async function routeTo(speakerId: string): Promise<void> {
    if (element?.setSinkId)
      await element.setSinkId(speakerId).catch(() => (phone.error = 'That speaker cannot be used.'));
  }

  function attach(next: HTMLAudioElement | null): void {
    element = next;
    if (next && phone.speakerId) void routeTo(phone.speakerId);
    const call = session.current();
    if (call && next) play(call);
  }

  return { attach, play, routeTo };
}

export type RemoteAudio = ReturnType<typeof useRemoteAudio>;
