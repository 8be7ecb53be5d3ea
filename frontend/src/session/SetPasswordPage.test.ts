// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils';
import { createMemoryHistory, createRouter } from 'vue-router';
import SetPasswordPage from './SetPasswordPage.vue';

enableAutoUnmount(afterEach);
afterEach(() => {
  vi.unstubAllGlobals();
});

async function openLink(query: string, answer: Response = new Response(null, { status: 204 })) {
  const fetch = vi.fn<typeof globalThis.fetch>().mockResolvedValue(answer);
  vi.stubGlobal('fetch', fetch);
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/set-password', component: SetPasswordPage },
      { path: '/sign-in', component: { template: '<p>sign in</p>' } },
    ],
  });
  await router.push(`/set-password${query}`);
  const wrapper = mount(SetPasswordPage, { global: { plugins: [router] } });
  return { wrapper, fetch };
}

async function choose(wrapper: Awaited<ReturnType<typeof openLink>>['wrapper'], first: string, second = first) {
  const [password, repeated] = wrapper.findAll('input[type="password"]');
  await password!.setValue(first);
  await repeated!.setValue(second);
  await wrapper.get('form').trigger('submit');
  await flushPromises();
}

describe('the set-password page', () => {
  it('sends the link’s user and token with the chosen password, then offers to sign in', async () => {
    const { wrapper, fetch } = await openLink('?user=u-1&token=secret-token-0123456789');
    await choose(wrapper, 'a good password');
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe('/api/auth/set-password');
    expect(JSON.parse(init?.body as string)).toEqual({
      userId: 'u-1',
      token: 'secret-token-0123456789',
      password: 'a good password',
    });
    expect(wrapper.text()).toContain('Your password is set');
  });

  it('asks again when the two passwords differ, sending nothing', async () => {
    const { wrapper, fetch } = await openLink('?user=u-1&token=secret-token-0123456789');
    await choose(wrapper, 'a good password', 'another password');
    expect(fetch).not.toHaveBeenCalled();
    expect(wrapper.get('[role="alert"]').text()).toBe('The two passwords are not the same.');
  });

  it('shows the backend’s words when the link is no longer valid', async () => {
    const gone = Response.json(
      { message: 'This link is no longer valid. Ask your agency admin for a new one.' },
      { status: 410 },
    );
    const { wrapper } = await openLink('?user=u-1&token=secret-token-0123456789', gone);
    await choose(wrapper, 'a good password');
    expect(wrapper.get('[role="alert"]').text()).toContain('no longer valid');
    expect(wrapper.text()).not.toContain('Your password is set');
  });

  it('explains where the page comes from when opened without a link', async () => {
    const { wrapper } = await openLink('');
    expect(wrapper.find('form').exists()).toBe(false);
    expect(wrapper.get('[role="alert"]').text()).toContain('link your agency admin gave you');
  });
});
