// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { enableAutoUnmount } from '@vue/test-utils';
import IncomingCallDialog from './IncomingCallDialog.vue';
import { buttonNamed, mountWithPhone, phoneCall } from './testing/mount-with-phone';

enableAutoUnmount(afterEach);

function ringing(remoteName: string | null = null, soundBlocked = false) {
  return mountWithPhone(IncomingCallDialog, {
    given: (phone) => {
      phone.incomingCall = phoneCall({
        id: 'in-1',
        direction: 'inbound',
        phase: 'ringing',
        remoteNumber: '+13055550123',
        remoteName,
      });
      phone.soundBlocked = soundBlocked;
    },
  });
}

describe('the incoming-call dialog', () => {
  it('opens as a modal dialog showing the caller’s number', () => {
    const { wrapper } = ringing();
    const dialog = wrapper.get<HTMLDialogElement>('[data-testid="incoming-call"]');
    expect(dialog.element.open).toBe(true);
    expect(wrapper.get('#incoming-title').text()).toBe('(305) 555-0123');
    expect(wrapper.get('#incoming-caller').text()).toBe('Caller');
    expect(wrapper.text()).toContain('Incoming call');
  });

  it('puts the caller’s name first when the network gives one', () => {
    const { wrapper } = ringing('Maria Lopez');
    expect(wrapper.get('#incoming-title').text()).toBe('Maria Lopez');
    expect(wrapper.get('#incoming-caller').text()).toBe('(305) 555-0123');
  });

  it('answers with the Answer button, which has the focus so that Enter answers', async () => {
    const { wrapper, actions } = ringing();
    const answer = buttonNamed(wrapper, 'Answer');
    expect(document.activeElement).toBe(answer.element);
    expect(wrapper.text()).toContain('Enter answers · Esc rejects');
    await answer.trigger('click');
    expect(actions.answer).toHaveBeenCalledTimes(1);
    expect(actions.reject).not.toHaveBeenCalled();
  });

  it('rejects with the Reject button', async () => {
    const { wrapper, actions } = ringing();
    await buttonNamed(wrapper, 'Reject').trigger('click');
    expect(actions.reject).toHaveBeenCalledTimes(1);
    expect(actions.answer).not.toHaveBeenCalled();
  });

  it('rejects on Esc instead of just closing', () => {
    const { wrapper, actions } = ringing();
    // Esc on a modal dialog is the browser's `cancel` event.
    const cancel = new Event('cancel', { cancelable: true });
    wrapper.get('dialog').element.dispatchEvent(cancel);
    expect(cancel.defaultPrevented).toBe(true);
    expect(actions.reject).toHaveBeenCalledTimes(1);
  });

  it('offers to enable the ringtone only while the browser blocks it', async () => {
    const allowed = ringing();
    expect(allowed.wrapper.text()).not.toContain('enable the ringtone');
    allowed.wrapper.unmount();

    const { wrapper, actions, phone } = ringing(null, true);
    await buttonNamed(wrapper, /Click to enable the ringtone/).trigger('click');
    expect(actions.enableSound).toHaveBeenCalledTimes(1);
    phone.soundBlocked = false;
    await wrapper.vm.$nextTick();
    expect(wrapper.text()).not.toContain('enable the ringtone');
  });

  it('closes the modal when the call stops ringing', () => {
    const { wrapper } = ringing();
    const dialog = wrapper.get<HTMLDialogElement>('dialog').element;
    wrapper.unmount();
    expect(dialog.open).toBe(false);
  });
});
