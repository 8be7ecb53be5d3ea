import { afterEach, vi, type Mock } from 'vitest';
import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils';
import { createPinia } from 'pinia';
import { defineComponent } from 'vue';
import type { VoiceCredentials } from '../../api/types';
import type { PhoneActions } from '../phone-actions';
import { usePhoneStore } from '../phone-store';
import { useTelnyxClient } from '../useTelnyxClient';
import type { VoiceServices } from '../useVoiceConnection';
import { FakeVoiceClient } from './fake-voice-client';

enableAutoUnmount(afterEach);

export const AGENT_NUMBER = '+13055550100';

/** Login credentials as the backend hands them out, valid for `expiresInMs` from now. */
export function credentials(token: string, expiresInMs = 60 * 60_000): VoiceCredentials {
  return { token, sip_username: 'ana', expires_at: new Date(Date.now() + expiresInMs).toISOString(), connection: {} };
}

export interface StartedPhone {
  actions: PhoneActions;
  phone: ReturnType<typeof usePhoneStore>;
  client: FakeVoiceClient;
  services: {
    fetchCredentials: Mock<VoiceServices['fetchCredentials']>;
    createClient: Mock<VoiceServices['createClient']>;
  };
}

/** The web phone as the signed-in layout starts it, on a stand-in SDK client; not connected yet. */
export function startPhone(
  fetchCredentials = vi.fn<VoiceServices['fetchCredentials']>(async () => credentials('token-1')),
): StartedPhone {
  const client = new FakeVoiceClient();
  const services = { fetchCredentials, createClient: vi.fn<VoiceServices['createClient']>(async () => client) };
  const pinia = createPinia();
  let actions: PhoneActions | undefined;
  const Layout = defineComponent({
    setup() {
      actions = useTelnyxClient({ callerName: () => 'Ana Agent' }, services);
      return () => null;
    },
  });
  mount(Layout, { global: { plugins: [pinia] } });
  if (!actions) throw new Error('the layout did not start the phone');
  return { actions, phone: usePhoneStore(pinia), client, services };
}

/** A phone that has connected and that the SDK reported ready. */
export async function readyPhone(): Promise<StartedPhone> {
  const started = startPhone();
  await started.actions.connect();
  started.client.emit('telnyx.ready');
  await flushPromises();
  return started;
}
