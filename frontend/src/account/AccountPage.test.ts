// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { enableAutoUnmount, flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { createPinia } from 'pinia';
import { useSessionStore } from '../session/session-store';
import AccountPage from './AccountPage.vue';

enableAutoUnmount(afterEach);
afterEach(() => vi.unstubAllGlobals());

function openAccount(answer: Response = new Response(null, { status: 204 })) {
  const fetch = vi.fn<typeof globalThis.fetch>().mockResolvedValue(answer);
  vi.stubGlobal('fetch', fetch);
  const pinia = createPinia();
  useSessionStore(pinia).me = {
    user: { id: 'u1', email: 'ana@agency.test', displayName: 'Ana Agent', role: 'agent' },
    account: { id: 'acc', name: 'Agency' },
  };
  return { wrapper: mount(AccountPage, { global: { plugins: [pinia] } }), fetch };
}

function labelled(wrapper: VueWrapper, text: string) {
  const label = wrapper.findAll('label').find((candidate) => candidate.text() === text);
  if (!label) throw new Error(`no field labelled ${text}`);
  return label.get('input');
}

async function change(wrapper: VueWrapper, current: string, next: string, again = next) {
  await labelled(wrapper, 'Current password').setValue(current);
  await labelled(wrapper, 'New password').setValue(next);
  await labelled(wrapper, 'The same again').setValue(again);
  const submit = wrapper.findAll('button').find((button) => button.text() === 'Change password')!;
  expect(submit.attributes('type')).toBe('submit');
  await wrapper.get('form').trigger('submit');
  await flushPromises();
}

describe('the Account page', () => {
  it('shows who is signed in and changes the password with the current one', async () => {
    const { wrapper, fetch } = openAccount();
    expect(wrapper.text()).toContain('Ana Agent · ana@agency.test · Agent at Agency');
    await change(wrapper, 'the old password', 'a brand new password');
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe('/api/auth/password');
    expect(JSON.parse(init?.body as string)).toEqual({
      currentPassword: 'the old password',
      newPassword: 'a brand new password',
    });
    expect(wrapper.get('[role="status"]').text()).toContain('Your password is changed');
    expect((labelled(wrapper, 'Current password').element as HTMLInputElement).value).toBe('');
  });

  it('asks again when the two new passwords differ, sending nothing', async () => {
    const { wrapper, fetch } = openAccount();
    await change(wrapper, 'the old password', 'a brand new password', 'another one');
    expect(fetch).not.toHaveBeenCalled();
    expect(wrapper.get('[role="alert"]').text()).toBe('The two new passwords are not the same.');
  });

  it('shows the backend’s words when the current password is wrong', async () => {
    const refused = Response.json({ message: 'The current password is not correct' }, { status: 403 });
    const { wrapper } = openAccount(refused);
    await change(wrapper, 'not it', 'a brand new password');
    expect(wrapper.get('[role="alert"]').text()).toBe('The current password is not correct');
    expect(wrapper.find('[role="status"]').exists()).toBe(false);
  });
});
