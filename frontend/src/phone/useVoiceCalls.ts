import { snapshotOf } from './call-snapshot';
import { usePhoneStore } from './phone-store';
import type { AudioDevices } from './useAudioDevices';
import type { RingtoneControls } from './useRingtone';
import type { VoiceSession } from './voice-session';

/**
 * What the phone tells Telnyx about its user. No caller number: the backend always shows the agent's
 * own business number and knows the caller by the credential the phone logged in with.
 */
export interface CallerIdentity {
  callerName: () => string | null;
}

export interface VoiceCallsDeps {
  ringtone: RingtoneControls;
  devices: Pick<AudioDevices, 'ensureMicrophone'>;
  caller: CallerIdentity;
}

/** What the agent does with calls: dial, answer, reject, hang up, mute, hold and send tones. */
export function useVoiceCalls(session: VoiceSession, { ringtone, devices, caller }: VoiceCallsDeps) {
  const phone = usePhoneStore();

  async function dial(e164: string): Promise<void> {
    phone.error = null;
    const client = session.client;
    if (!client || phone.connection !== 'ready') {
      phone.error = 'The phone is not connected yet.';
      return;
    }
    if (phone.inCall) {
      phone.error = 'Hang up the current call first.';
      return;
    }
    if (!(await devices.ensureMicrophone())) return;
    const callerName = caller.callerName();
    const call = client.newCall({
      destinationNumber: e164,
      audio: true,
      video: false,
      ...(callerName ? { callerName } : {}),
      ...(phone.microphoneId ? { micId: phone.microphoneId } : {}),
    });
    session.calls.set(call.id, call);
    phone.currentCall = { ...snapshotOf(call, 'outbound'), remoteNumber: e164, phase: 'dialing' };
  }

  async function hangup(): Promise<void> {
    const call = session.current();
    if (call) await call.hangup();
    else if (phone.currentCall) phone.endCall(phone.currentCall.id, null);
  }

  async function answer(): Promise<void> {
    const call = session.incoming();
    if (!call) return;
    phone.error = null;
    ringtone.stop();
    if (!(await devices.ensureMicrophone())) return;
    if (phone.inCall) await hangup();
    phone.promoteIncoming();
    await call.answer();
  }

  async function reject(): Promise<void> {
    const call = session.incoming();
    ringtone.stop();
    // Hanging up a ringing call declines it (the SDK sends USER_BUSY).
    if (call) await call.hangup();
  }

  function toggleMute(): void {
    const call = session.current();
    if (!call) return;
    call.toggleAudioMute();
    phone.updateCall({ id: call.id, muted: call.isAudioMuted });
  }

  async function hold(): Promise<void> {
    await session.current()?.hold();
  }

  async function unhold(): Promise<void> {
    await session.current()?.unhold();
  }

  function sendDtmf(digit: string): void {
    session.current()?.dtmf(digit);
  }

  return { dial, answer, reject, hangup, toggleMute, hold, unhold, sendDtmf };
}
