// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { enableAutoUnmount } from '@vue/test-utils';
import WebPhone from './WebPhone.vue';
import { buttonNamed, mountWithPhone, phoneCall, pressKey } from './testing/mount-with-phone';
import type { PhoneCall } from './phone-store';

enableAutoUnmount(afterEach);

function webPhone(call: Partial<PhoneCall> | null = null, dialRequest: string | null = null) {
  return mountWithPhone(WebPhone, {
    props: { dialRequest },
    given: (phone) => {
      phone.setConnection('ready');
      phone.currentCall = call ? phoneCall(call) : null;
    },
  });
}

describe('the web phone during a call', () => {
  it('shows the phase, who is on the line and the call controls instead of the dialler', () => {
    const { wrapper } = webPhone({ phase: 'active', answeredAt: Date.now(), muted: true });
    expect(wrapper.find('#phone-number').exists()).toBe(false);
    const phase = wrapper.get('[data-testid="call-phase"]');
    expect(phase.attributes('data-phase')).toBe('active');
    expect(phase.text().replace(/\s+/g, ' ')).toBe('On call · Muted');
    expect(wrapper.get('.phone__remote').text()).toBe('(312) 555-0199');
    expect(wrapper.find('[data-testid="call-timer"]').exists()).toBe(true);
    expect(wrapper.find('[data-testid="call-quality"]').exists()).toBe(true);
    expect(buttonNamed(wrapper, 'Unmute').attributes('aria-pressed')).toBe('true');
  });

  it('says the far end is being called, with no timer until it answers', () => {
    const { wrapper } = webPhone({ phase: 'dialing' });
    expect(wrapper.get('[data-testid="call-phase"]').text()).toBe('Calling…');
    expect(wrapper.find('[data-testid="call-timer"]').exists()).toBe(false);
    expect(buttonNamed(wrapper, 'Hold').element.disabled).toBe(true);
  });

  it('hangs up on Esc and with the Hang up button', async () => {
    const { wrapper, actions } = webPhone({ phase: 'active' });
    expect(pressKey('Escape').defaultPrevented).toBe(true);
    expect(actions.hangup).toHaveBeenCalledTimes(1);
    await buttonNamed(wrapper, 'Hang up').trigger('click');
    expect(actions.hangup).toHaveBeenCalledTimes(2);
  });

  it('mutes, holds and resumes through the controls', async () => {
    const { wrapper, actions, phone } = webPhone({ phase: 'active' });
    await buttonNamed(wrapper, 'Mute').trigger('click');
    expect(actions.toggleMute).toHaveBeenCalledTimes(1);
    await buttonNamed(wrapper, 'Hold').trigger('click');
    expect(actions.hold).toHaveBeenCalledTimes(1);
    phone.updateCall({ id: 'call-1', phase: 'held' });
    await wrapper.vm.$nextTick();
    await buttonNamed(wrapper, 'Resume').trigger('click');
    expect(actions.unhold).toHaveBeenCalledTimes(1);
  });

  it('sends keys as tones once the call is answered, and lists them on the keypad', async () => {
    const { wrapper, actions, phone } = webPhone({ phase: 'dialing' });
    pressKey('5');
    expect(actions.sendDtmf).not.toHaveBeenCalled();
    phone.updateCall({ id: 'call-1', phase: 'active' });
    await wrapper.vm.$nextTick();
    pressKey('1');
    pressKey('#');
    expect(actions.sendDtmf.mock.calls).toEqual([['1'], ['#']]);

    await buttonNamed(wrapper, 'Keypad').trigger('click');
    expect(wrapper.text()).toContain('Tones sent: 1#');
    await wrapper.get('[aria-label="Keypad for tones"] button[aria-label="9"]').trigger('click');
    expect(actions.sendDtmf).toHaveBeenLastCalledWith('9');
    expect(wrapper.text()).toContain('Tones sent: 1#9');
  });

  it('starts the next call with the keypad closed and no tones listed', async () => {
    const { wrapper, phone } = webPhone({ phase: 'active' });
    await buttonNamed(wrapper, 'Keypad').trigger('click');
    pressKey('3');
    await wrapper.vm.$nextTick();
    expect(wrapper.text()).toContain('Tones sent: 3');
    phone.currentCall = phoneCall({ id: 'call-2', direction: 'inbound', phase: 'active' });
    await wrapper.vm.$nextTick();
    expect(wrapper.text()).not.toContain('Tones sent');
    expect(buttonNamed(wrapper, 'Keypad').attributes('aria-pressed')).toBe('false');
  });
});

describe('the web phone between calls', () => {
  it('focuses the number field so the agent can type at once', () => {
    const { wrapper } = webPhone();
    expect(document.activeElement).toBe(wrapper.get('#phone-number').element);
  });

  it('puts a number asked for from the history in the dialler', async () => {
    const { wrapper } = webPhone(null, '+13055550123');
    await wrapper.vm.$nextTick();
    expect(wrapper.get<HTMLInputElement>('#phone-number').element.value).toBe('+1 305 555 0123');
    await wrapper.setProps({ dialRequest: '3125550199' });
    expect(wrapper.get<HTMLInputElement>('#phone-number').element.value).toBe('(312) 555-0199');
    expect(document.activeElement).toBe(wrapper.get('#phone-number').element);
  });

  it('shows an empty dialler after a call, and how the last call ended', async () => {
    const { wrapper, phone } = webPhone({ phase: 'dialing' }, '+13125550199');
    phone.endCall('call-1', 'Busy');
    await wrapper.vm.$nextTick();
    expect(wrapper.get<HTMLInputElement>('#phone-number').element.value).toBe('');
    expect(wrapper.get('[role="status"]').text()).toBe('Last call to (312) 555-0199: Busy');
  });

  it('shows errors, and why it cannot call yet with a link to activation', async () => {
    const { wrapper, phone } = webPhone();
    phone.error = 'Hang up the current call first.';
    phone.setConnection('not_activated', 'Phone service is not activated yet.');
    await wrapper.vm.$nextTick();
    expect(wrapper.get('[role="alert"]').text()).toBe('Hang up the current call first.');
    expect(wrapper.text()).toContain('Phone service is not activated yet.');
    expect(wrapper.text()).toContain('Activate phone service');
    phone.setConnection('connecting');
    await wrapper.vm.$nextTick();
    expect(wrapper.text()).toContain('Connecting the phone…');
    expect(wrapper.text()).not.toContain('Activate phone service');
  });
});
