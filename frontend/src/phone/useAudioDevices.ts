import { usePhoneStore, type AudioDevice } from './phone-store';
import type { RemoteAudio } from './useRemoteAudio';
import type { VoiceSession } from './voice-session';

const MICROPHONE_BLOCKED = 'Allow microphone access for this site in your browser settings to make and take calls.';

function toDevice(device: MediaDeviceInfo, index: number, kind: string): AudioDevice {
  return { id: device.deviceId, label: device.label || `${kind} ${index + 1}` };
}

/** Microphone permission, the microphone and speaker lists, and the agent's choice of each. */
export function useAudioDevices(session: VoiceSession, remoteAudio: RemoteAudio) {
  const phone = usePhoneStore();

  async function refresh(): Promise<void> {
    const client = session.client;
    try {
      const [inputs, outputs]: [MediaDeviceInfo[], MediaDeviceInfo[]] = client
        ? await Promise.all([client.getAudioInDevices(), client.getAudioOutDevices()])
        : await navigator.mediaDevices
            .enumerateDevices()
            .then((all) => [
              all.filter((device) => device.kind === 'audioinput'),
              all.filter((device) => device.kind === 'audiooutput'),
            ]);
      phone.microphones = inputs.map((device, index) => toDevice(device, index, 'Microphone'));
      phone.speakers = outputs.map((device, index) => toDevice(device, index, 'Speaker'));
    } catch {
      // Device lists are a convenience; the default devices still work.
    }
  }

  /** Asks for the microphone once; true when calls can use it. */
  async function ensureMicrophone(): Promise<boolean> {
    if (phone.microphoneAllowed) return true;
    const client = session.client;
    try {
      phone.microphoneAllowed = client
        ? await client.checkPermissions(true, false)
        : await navigator.mediaDevices.getUserMedia({ audio: true }).then((stream) => {
            stream.getTracks().forEach((track) => track.stop());
            return true;
          });
    } catch {
      phone.microphoneAllowed = false;
    }
    if (!phone.microphoneAllowed) {
      phone.error = MICROPHONE_BLOCKED;
      return false;
    }
    await refresh();
    return true;
  }

  async function selectMicrophone(deviceId: string): Promise<void> {
    phone.microphoneId = deviceId;
    const call = session.current();
    if (call && deviceId) await call.setAudioInDevice(deviceId, call.isAudioMuted);
  }

  async function selectSpeaker(deviceId: string): Promise<void> {
    phone.speakerId = deviceId;
    await remoteAudio.routeTo(deviceId);
  }

  return { refresh, ensureMicrophone, selectMicrophone, selectSpeaker };
}

export type AudioDevices = ReturnType<typeof useAudioDevices>;
