// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { enableAutoUnmount, mount } from '@vue/test-utils';
import DialPad from './DialPad.vue';

enableAutoUnmount(afterEach);

describe('the dial pad', () => {
  it('is a group of the twelve telephone keys, named for screen readers', () => {
    const wrapper = mount(DialPad, { props: { label: 'Dial pad' } });
    const group = wrapper.get('[role="group"]');
    expect(group.attributes('aria-label')).toBe('Dial pad');
    const keys = wrapper.findAll('button').map((button) => button.attributes('aria-label'));
    expect(keys).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#']);
  });

  it('shows the letters on each key without reading them out', () => {
    const wrapper = mount(DialPad, { props: { label: 'Dial pad' } });
    const two = wrapper.get('button[aria-label="2"]');
    expect(two.text()).toContain('ABC');
    expect(two.get('.pad__letters').attributes('aria-hidden')).toBe('true');
    expect(wrapper.get('button[aria-label="0"]').text()).toContain('+');
  });

  it('reports each key pressed, in order', async () => {
    const wrapper = mount(DialPad, { props: { label: 'Keypad for tones' } });
    for (const key of ['3', '1', '2', '*', '#', '0']) await wrapper.get(`button[aria-label="${key}"]`).trigger('click');
    expect(wrapper.emitted('press')).toEqual([['3'], ['1'], ['2'], ['*'], ['#'], ['0']]);
  });
});
