import { mount, RouterLinkStub, type DOMWrapper, type VueWrapper } from '@vue/test-utils';
import { createPinia } from 'pinia';
import type { Component } from 'vue';
import { PHONE_ACTIONS } from '../phone-actions';
import { usePhoneStore, type PhoneCall } from '../phone-store';
import { fakePhoneActions } from './fake-phone-actions';

type PhoneStore = ReturnType<typeof usePhoneStore>;

/**
 * Mounts a phone component in the page as the signed-in layout would: with the phone store (set up
 * by `given`) and phone actions that only record their calls.
 */
export function mountWithPhone(
  component: Component,
  options: { props?: Record<string, unknown>; given?: (phone: PhoneStore) => void } = {},
) {
  const pinia = createPinia();
  const phone = usePhoneStore(pinia);
  options.given?.(phone);
  const actions = fakePhoneActions();
  const wrapper = mount(component, {
    props: options.props ?? {},
    attachTo: document.body,
    global: {
      plugins: [pinia],
      provide: { [PHONE_ACTIONS as symbol]: actions },
      stubs: { RouterLink: RouterLinkStub },
    },
  });
  return { wrapper, phone, actions };
}

/** A call as the store holds it. */
export function phoneCall(overrides: Partial<PhoneCall> = {}): PhoneCall {
  return {
    id: 'call-1',
    direction: 'outbound',
    phase: 'dialing',
    remoteNumber: '+13125550199',
    remoteName: null,
    startedAt: Date.now(),
    answeredAt: null,
    muted: false,
    endReason: null,
    ...overrides,
  };
}

/** A key pressed with the focus on the page itself, as the browser sends it. */
export function pressKey(key: string, init: KeyboardEventInit = {}, target: Element = document.body): KeyboardEvent {
  const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init });
  target.dispatchEvent(event);
  return event;
}

/** The button a person would find by its name (its aria-label or its text), as the browser tests do. */
export function buttonNamed(wrapper: VueWrapper, name: string | RegExp): DOMWrapper<HTMLButtonElement> {
  const matches = (text: string) => (typeof name === 'string' ? text === name : name.test(text));
  const found = wrapper.findAll('button').find((button) => matches(button.attributes('aria-label') ?? button.text()));
  if (!found) throw new Error(`no button named ${String(name)} in: ${wrapper.html()}`);
  return found;
}
