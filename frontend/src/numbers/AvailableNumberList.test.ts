// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { enableAutoUnmount, mount } from '@vue/test-utils';
import AvailableNumberList from './AvailableNumberList.vue';

enableAutoUnmount(afterEach);

const offer = { phoneNumber: '+13055550100', locality: 'Miami', region: 'FL', monthlyCost: '1.00', currency: 'USD' };

function list() {
  return mount(AvailableNumberList, { props: { numbers: [offer], busy: null } });
}

describe('buying a number', () => {
  it('says what it costs a month and buys only once confirmed', async () => {
    const wrapper = list();
    await wrapper.get('button[aria-label="Buy (305) 555-0100"]').trigger('click');
    expect(wrapper.emitted('buy')).toBeUndefined();
    const confirm = wrapper.get('[data-testid="confirm-buy"]');
    expect(confirm.text()).toContain('Buy (305) 555-0100 for 1.00 USD a month?');

    await confirm
      .findAll('button')
      .find((button) => button.text() === 'Confirm purchase')!
      .trigger('click');
    expect(wrapper.emitted('buy')).toEqual([['+13055550100']]);
    expect(wrapper.find('[data-testid="confirm-buy"]').exists()).toBe(false);
  });

  it('buys nothing when the confirmation is cancelled', async () => {
    const wrapper = list();
    await wrapper.get('button[aria-label="Buy (305) 555-0100"]').trigger('click');
    await wrapper
      .get('[data-testid="confirm-buy"]')
      .findAll('button')
      .find((button) => button.text() === 'Cancel')!
      .trigger('click');
    expect(wrapper.emitted('buy')).toBeUndefined();
    expect(wrapper.find('[data-testid="confirm-buy"]').exists()).toBe(false);
  });
});
