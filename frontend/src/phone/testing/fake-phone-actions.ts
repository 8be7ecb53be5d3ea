import { vi, type Mock } from 'vitest';
import type { PhoneActions } from '../phone-actions';

export type FakePhoneActions = { [Name in keyof PhoneActions]: Mock<PhoneActions[Name]> };

/** Phone actions that only record how components call them. */
export function fakePhoneActions(): FakePhoneActions {
  return {
    connect: vi.fn(async () => undefined),
    disconnect: vi.fn(async () => undefined),
    dial: vi.fn(async () => undefined),
    answer: vi.fn(async () => undefined),
    reject: vi.fn(async () => undefined),
    hangup: vi.fn(async () => undefined),
    toggleMute: vi.fn(() => undefined),
    hold: vi.fn(async () => undefined),
    unhold: vi.fn(async () => undefined),
    sendDtmf: vi.fn(() => undefined),
    ensureMicrophone: vi.fn(async () => true),
    refreshDevices: vi.fn(async () => undefined),
    selectMicrophone: vi.fn(async () => undefined),
    selectSpeaker: vi.fn(async () => undefined),
    enableSound: vi.fn(async () => undefined),
    attachRemoteAudio: vi.fn(() => undefined),
  };
}
