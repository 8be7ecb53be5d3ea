import { usePhoneStore } from './phone-store';
import { Ringtone } from './ringtone';

/** Rings for an incoming call, and tells the page when the browser keeps the ring silent until a click. */
export function useRingtone() {
  const phone = usePhoneStore();
  const ringtone = new Ringtone();

  async function start(): Promise<void> {
    phone.soundBlocked = (await ringtone.start()) === 'blocked';
  }

  function stop(): void {
    ringtone.stop();
    phone.soundBlocked = false;
  }

  /** Call from a click: the browser lets the ring be heard after one. */
  async function enableSound(): Promise<void> {
    if (await ringtone.unlock()) phone.soundBlocked = false;
  }

  return { start, stop, enableSound };
}

export type RingtoneControls = ReturnType<typeof useRingtone>;
