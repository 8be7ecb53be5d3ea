import { inject, provide, type InjectionKey } from 'vue';

/** What components may do with the phone. The SDK itself stays behind `useTelnyxClient`. */
export interface PhoneActions {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  dial(e164: string): Promise<void>;
  answer(): Promise<void>;
  reject(): Promise<void>;
  hangup(): Promise<void>;
  toggleMute(): void;
  hold(): Promise<void>;
  unhold(): Promise<void>;
  sendDtmf(digit: string): void;
  ensureMicrophone(): Promise<boolean>;
  refreshDevices(): Promise<void>;
  selectMicrophone(deviceId: string): Promise<void>;
  selectSpeaker(deviceId: string): Promise<void>;
  enableSound(): Promise<void>;
  /** The page's <audio autoplay> element that plays the far end. */
  attachRemoteAudio(element: HTMLAudioElement | null): void;
}

/** Exported for tests that mount a component with stand-in actions. */
export const PHONE_ACTIONS: InjectionKey<PhoneActions> = Symbol('phone actions');

/** Makes the phone's actions available to every component below the caller. */
export function providePhoneActions(actions: PhoneActions): void {
  provide(PHONE_ACTIONS, actions);
}

/** The phone's actions, for any component inside the signed-in layout. */
export function usePhone(): PhoneActions {
  const actions = inject(PHONE_ACTIONS);
  if (!actions) throw new Error('usePhone() needs useTelnyxClient() in a parent component');
  return actions;
}
