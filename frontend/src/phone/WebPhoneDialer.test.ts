// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { enableAutoUnmount } from '@vue/test-utils';
import WebPhoneDialer from './WebPhoneDialer.vue';
import { buttonNamed, mountWithPhone, phoneCall, pressKey } from './testing/mount-with-phone';

enableAutoUnmount(afterEach);

function dialer(ready = true) {
  const mounted = mountWithPhone(WebPhoneDialer, {
    given: (phone) => phone.setConnection(ready ? 'ready' : 'connecting'),
  });
  const input = mounted.wrapper.get<HTMLInputElement>('#phone-number');
  const hint = () => mounted.wrapper.get('#phone-number-hint');
  return { ...mounted, input, hint };
}

async function clickKeys(wrapper: ReturnType<typeof dialer>['wrapper'], keys: string): Promise<void> {
  for (const key of keys) await wrapper.get(`[aria-label="Dial pad"] button[aria-label="${key}"]`).trigger('click');
}

describe('dialling a number', () => {
  it('formats the number as it is typed in the field and shows what will be called', async () => {
    const { input, hint } = dialer();
    expect(input.attributes('placeholder')).toBe('(312) 555-0199');
    expect(hint().text()).toBe('US numbers, or + and a country code');
    await input.setValue('312555');
    expect(input.element.value).toBe('(312) 555');
    await input.setValue('312-555-0199 ');
    expect(input.element.value).toBe('(312) 555-0199');
    expect(hint().text()).toBe('+13125550199');
  });

  it('formats numbers abroad the way they are written there', async () => {
    const { input, hint } = dialer();
    await input.setValue('+442071838750');
    expect(input.element.value).toBe('+44 20 7183 8750');
    expect(hint().text()).toBe('+442071838750');
  });

  it('builds the number from the keys clicked, and deletes the last digit', async () => {
    const { wrapper, input } = dialer();
    const backspace = buttonNamed(wrapper, 'Delete last digit');
    expect(backspace.element.disabled).toBe(true);
    await clickKeys(wrapper, '31255501999');
    // One digit too many is no US number: shown as typed.
    expect(input.element.value).toBe('31255501999');
    await backspace.trigger('click');
    expect(input.element.value).toBe('(312) 555-0199');
    expect(backspace.element.disabled).toBe(false);
  });

  it('takes digits typed anywhere on the page; Backspace deletes', async () => {
    const { wrapper, input } = dialer();
    for (const key of '3125550199') pressKey(key);
    await wrapper.vm.$nextTick();
    expect(input.element.value).toBe('(312) 555-0199');
    const backspace = pressKey('Backspace');
    await wrapper.vm.$nextTick();
    expect(backspace.defaultPrevented).toBe(true);
    expect(input.element.value).toBe('(312) 555-019');
  });

  it('leaves keys alone in other fields, with a modifier, and while a call is ringing in', async () => {
    const { wrapper, input, phone } = dialer();
    const other = document.createElement('input');
    document.body.append(other);
    pressKey('5', {}, other);
    pressKey('5', { ctrlKey: true });
    phone.incomingCall = phoneCall({ direction: 'inbound', phase: 'ringing' });
    pressKey('5');
    await wrapper.vm.$nextTick();
    expect(input.element.value).toBe('');
    other.remove();
  });

  it('places the call to the E.164 number on Enter', async () => {
    const { input, actions } = dialer();
    await input.setValue('(312) 555-0199');
    const enter = pressKey('Enter', {}, input.element);
    expect(enter.defaultPrevented).toBe(true);
    expect(actions.dial).toHaveBeenCalledWith('+13125550199');
  });

  it('places the call with the Call button, which waits for the phone to be ready', async () => {
    const notReady = dialer(false);
    expect(buttonNamed(notReady.wrapper, 'Call').element.disabled).toBe(true);
    notReady.wrapper.unmount();

    const { wrapper, input, actions } = dialer();
    await input.setValue('3125550199');
    expect(buttonNamed(wrapper, 'Call').element.disabled).toBe(false);
    await wrapper.get('form').trigger('submit');
    expect(actions.dial).toHaveBeenCalledWith('+13125550199');
  });

  it.each([
    ['', 'Type a phone number.'],
    ['312555', 'That number is too short or too long.'],
    ['1234567890', 'That is not a valid phone number.'],
    ['3125550199#', 'A phone number has no * or #.'],
  ])('refuses %j and says why: %s', async (typed, reason) => {
    const { wrapper, input, hint, actions } = dialer();
    await input.setValue(typed);
    pressKey('Enter');
    await wrapper.vm.$nextTick();
    expect(actions.dial).not.toHaveBeenCalled();
    expect(hint().text()).toBe(reason);
    expect(hint().attributes('role')).toBe('alert');
    expect(input.attributes('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(input.element);
  });

  it('clears the complaint as soon as the agent types again', async () => {
    const { wrapper, input, hint } = dialer();
    await input.setValue('312555');
    pressKey('Enter');
    await wrapper.vm.$nextTick();
    expect(hint().attributes('role')).toBe('alert');
    await clickKeys(wrapper, '0');
    expect(hint().attributes('role')).toBeUndefined();
    expect(input.attributes('aria-invalid')).toBe('false');
  });
});
