// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { enableAutoUnmount, flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { createPinia } from 'pinia';
import type { AgencyCreated, AgencySummary } from '../api/types';
import { requestPath } from '../api/testing/request-path';
import OperatorPage from './OperatorPage.vue';

enableAutoUnmount(afterEach);
afterEach(() => {
  vi.unstubAllGlobals();
});

const acme: AgencySummary = {
  id: 'acc-acme',
  name: 'Acme Insurance',
  createdAt: '2026-12-01T10:00:00.000Z',
  telnyxAccountId: 'tx-acme',
  memberCount: 3,
  activationStatus: 'completed',
  admins: [{ userId: 'u-olga', email: 'olga@acme.test', displayName: 'Olga Owner' }],
};
const bravo: AgencySummary = {
  id: 'acc-bravo',
  name: 'Bravo Brokers',
  createdAt: '2026-12-03T10:00:00.000Z',
  telnyxAccountId: 'tx-bravo',
  memberCount: 1,
  activationStatus: 'not_requested',
  admins: [{ userId: 'u-bea', email: 'bea@bravo.test', displayName: 'Bea Boss' }],
};
const created: AgencyCreated = {
  agency: bravo,
  admin: bravo.admins[0]!,
  passwordLink: {
    url: 'https://voice.example.test/set-password?user=u-bea&token=secret-token-0123456789',
    expiresAt: '2026-12-06T10:00:00.000Z',
  },
};

/** The backend as the page sees it: the agencies it lists, and what creating one answers. */
function backend(create: Response = Response.json(created, { status: 201 })) {
  let agencies = [acme];
  const fetch = vi.fn<typeof globalThis.fetch>(async (input, init) => {
    const path = requestPath(input);
    if (path === '/api/operator/agencies' && init?.method === 'POST') {
      if (create.status === 201) agencies = [acme, bravo];
      return create.clone();
    }
    if (path === '/api/operator/agencies') return Response.json(agencies);
    if (path === '/api/operator/agencies/acc-acme/admins/u-olga/password-link')
      return Response.json({
        admin: acme.admins[0],
        passwordLink: { url: 'https://x.test/fresh', expiresAt: created.passwordLink.expiresAt },
      });
    return new Response(null, { status: 404 });
  });
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

async function openPage() {
  const wrapper = mount(OperatorPage, { global: { plugins: [createPinia()] }, attachTo: document.body });
  await flushPromises();
  return wrapper;
}

/** The input of the form field whose label reads `label`, as a person finds it. */
function field(wrapper: VueWrapper, label: string) {
  const found = wrapper.findAll('label').find((candidate) => candidate.text() === label);
  if (!found) throw new Error(`No field labelled "${label}"`);
  return found.get('input');
}

async function createAgency(wrapper: VueWrapper) {
  await field(wrapper, 'Agency name').setValue(' Bravo Brokers ');
  await field(wrapper, 'Admin email').setValue('bea@bravo.test');
  await field(wrapper, 'Admin name').setValue('Bea Boss');
  const button = wrapper.findAll('button').find((candidate) => candidate.text() === 'Create agency')!;
  await button.trigger('click');
  await flushPromises();
}

describe('the operator page', () => {
  it('lists the agencies with their Telnyx account, members, phone service and admins', async () => {
    backend();
    const wrapper = await openPage();
    const row = wrapper.get('[data-agency-id="acc-acme"]');
    expect(row.text()).toContain('Acme Insurance');
    expect(row.text()).toContain('tx-acme');
    expect(row.text()).toContain('Active');
    expect(row.text()).toContain('olga@acme.test');
  });

  it('creates an agency from the labelled fields and shows the admin’s link with its expiry and a Copy button', async () => {
    const fetch = backend();
    const writeText = vi.fn<(text: string) => Promise<void>>().mockResolvedValue(undefined);
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    const wrapper = await openPage();
    await createAgency(wrapper);

    const posted = fetch.mock.calls.filter(([, init]) => init?.method === 'POST');
    expect(posted).toHaveLength(1);
    expect(JSON.parse(posted[0]![1]!.body as string)).toEqual({
      name: 'Bravo Brokers',
      adminEmail: 'bea@bravo.test',
      adminName: 'Bea Boss',
    });
    expect(wrapper.get('[data-testid="password-link"]').text()).toBe(created.passwordLink.url);
    expect(wrapper.get('[data-testid="password-link-expiry"]').text()).toContain('2026');
    expect(wrapper.find('[data-agency-id="acc-bravo"]').exists()).toBe(true);
    expect(field(wrapper, 'Agency name').element.value).toBe('');

    await wrapper
      .findAll('button')
      .find((button) => button.text() === 'Copy')!
      .trigger('click');
    await flushPromises();
    expect(writeText).toHaveBeenCalledWith(created.passwordLink.url);
    expect(wrapper.text()).toContain('Copied.');
  });

  it('shows Telnyx’s words when the managed account could not be created, and keeps what was typed', async () => {
    const refused = Response.json(
      {
        message: 'Telnyx could not create the managed account: Telnyx 503: Service unavailable',
        reason: 'telnyx_unavailable',
      },
      { status: 502 },
    );
    backend(refused);
    const wrapper = await openPage();
    await createAgency(wrapper);
    expect(wrapper.get('[role="alert"]').text()).toContain('Telnyx 503');
    expect(wrapper.find('[data-testid="password-link"]').exists()).toBe(false);
    expect(field(wrapper, 'Admin email').element.value).toBe('bea@bravo.test');
  });

  it('hands out a fresh link for an admin who lost theirs', async () => {
    backend();
    const wrapper = await openPage();
    await wrapper.get('button[aria-label="New set-password link for olga@acme.test"]').trigger('click');
    await flushPromises();
    expect(wrapper.get('[data-testid="password-link"]').text()).toBe('https://x.test/fresh');
    expect(wrapper.text()).toContain('Set-password link for olga@acme.test');
  });
});
