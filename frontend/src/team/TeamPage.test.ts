// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { enableAutoUnmount, flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { createPinia } from 'pinia';
import type { AccountMember } from '../api/types';
import { requestPath } from '../api/testing/request-path';
import { useSessionStore } from '../session/session-store';
import TeamPage from './TeamPage.vue';

enableAutoUnmount(afterEach);

const ADA: AccountMember = {
  userId: 'ada',
  email: 'ada@agency.test',
  displayName: 'Ada Admin',
  role: 'admin',
  sipUsername: null,
  numbers: [],
  status: 'active',
  joined: true,
};
const TOM: AccountMember = {
  ...ADA,
  userId: 'tom',
  email: 'tom@agency.test',
  displayName: 'Tom Agent',
  role: 'agent',
  sipUsername: 'gencredtom',
  numbers: ['+13125550101'],
};
const LINK = { url: 'https://voice.example.test/set-password?user=new&token=t0k3n', expiresAt: '2026-12-06T12:00:00Z' };

const json = (status: number, body?: unknown) =>
  new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });

/** The members API over a list held here, recording each request as `METHOD path body`. */
function fakeBackend(members: AccountMember[], refusal?: { status: number; message: string }) {
  const requests: string[] = [];
  const fetch = vi.fn<typeof globalThis.fetch>(async (input, init) => {
    const method = init?.method ?? 'GET';
    const path = requestPath(input).replace('/api/accounts/acc/members', '');
    const body = typeof init?.body === 'string' ? init.body : '';
    requests.push(`${method} ${path} ${body}`.trim());
    if (method === 'GET') return json(200, members);
    if (refusal) return json(refusal.status, { message: refusal.message });
    const userId = path.split('/')[1] ?? '';
    const at = members.findIndex((member) => member.userId === userId);
    if (method === 'POST' && path === '') {
      const added = { ...ADA, ...(JSON.parse(body) as object), userId: 'new', joined: false, passwordLink: LINK };
      members.push(added);
      return json(201, added);
    }
    if (path.endsWith('/password-link')) return json(200, { userId, passwordLink: LINK });
    if (path.endsWith('/disable')) members[at] = { ...members[at]!, status: 'disabled' };
    if (path.endsWith('/enable')) members[at] = { ...members[at]!, status: 'active' };
    if (path.endsWith('/role')) members[at] = { ...members[at]!, ...(JSON.parse(body) as object) };
    if (method === 'DELETE') members.splice(at, 1);
    return json(200, members[at] ?? {});
  });
  vi.stubGlobal('fetch', fetch);
  return requests;
}

async function openTeam(members: AccountMember[], refusal?: { status: number; message: string }) {
  const requests = fakeBackend(members, refusal);
  const pinia = createPinia();
  useSessionStore(pinia).me = {
    user: { id: 'ada', email: ADA.email, displayName: ADA.displayName, role: 'admin' },
    account: { id: 'acc', name: 'Agency' },
  };
  const wrapper = mount(TeamPage, { global: { plugins: [pinia] }, attachTo: document.body });
  await flushPromises();
  return { wrapper, requests };
}

/** The control a person finds by its label, as the browser tests do. */
function labelled(wrapper: VueWrapper, text: string) {
  const label = wrapper.findAll('label').find((candidate) => candidate.text().startsWith(text));
  if (!label) throw new Error(`no field labelled ${text}`);
  return label.get('input, select');
}
const button = (scope: Pick<VueWrapper, 'findAll'>, name: string) => {
  const found = scope.findAll('button').find((candidate) => candidate.text() === name);
  if (!found) throw new Error(`no button ${name}`);
  return found;
};
const row = (wrapper: VueWrapper, email: string) => wrapper.get(`[data-member="${email}"]`);

describe('the Team page', () => {
  beforeEach(() => {
    vi.stubGlobal('navigator', { clipboard: { writeText: vi.fn().mockResolvedValue(undefined) } });
  });
  afterEach(() => vi.unstubAllGlobals());

  it('lists the members with role, status and numbers, and offers no change of one’s own row', async () => {
    const { wrapper } = await openTeam([ADA, TOM, { ...ADA, userId: 'cy', email: 'cy@agency.test', joined: false }]);
    expect(row(wrapper, TOM.email).text()).toContain('Tom Agent');
    expect(row(wrapper, TOM.email).get('select').element.value).toBe('agent');
    expect(row(wrapper, TOM.email).text()).toContain('(312) 555-0101');
    expect(row(wrapper, TOM.email).text()).toContain('Phone line ready');
    expect(row(wrapper, 'cy@agency.test').get('[data-testid="member-status"]').text()).toContain('no password yet');
    expect(row(wrapper, ADA.email).text()).toContain('(you)');
    expect(row(wrapper, ADA.email).findAll('button, select')).toHaveLength(0);
  });

  it('adds a member and shows the set-password link to copy, with its expiry', async () => {
    const { wrapper, requests } = await openTeam([ADA]);
    await labelled(wrapper, 'Email').setValue(' new@agency.test ');
    await labelled(wrapper, 'Name').setValue('Nina New');
    await labelled(wrapper, 'Role').setValue('auditor');
    expect(button(wrapper, 'Add member').attributes('type')).toBe('submit');
    await wrapper.get('form').trigger('submit');
    await flushPromises();

    expect(requests).toContain('POST  {"email":"new@agency.test","displayName":"Nina New","role":"auditor"}');
    expect(wrapper.get('[data-testid="password-link"]').text()).toBe(LINK.url);
    expect(wrapper.text()).toContain('Set-password link for Nina New');
    expect(wrapper.text()).toContain(new Date(LINK.expiresAt).getFullYear().toString());
    expect((labelled(wrapper, 'Email').element as HTMLInputElement).value).toBe('');
    await button(wrapper, 'Copy').trigger('click');
    await flushPromises();
    expect(navigator.clipboard.writeText).toHaveBeenCalledWith(LINK.url);
    expect(wrapper.get('[role="status"]').text()).toBe('Copied.');
  });

  it('hands out a new link for a member', async () => {
    const { wrapper, requests } = await openTeam([ADA, TOM]);
    await button(row(wrapper, TOM.email), 'New link').trigger('click');
    await flushPromises();
    expect(requests).toContain('POST /tom/password-link');
    expect(wrapper.text()).toContain('Set-password link for Tom Agent');
    expect(wrapper.get('[data-testid="password-link"]').text()).toBe(LINK.url);
  });

  it('changes a role, and shows why when the backend refuses', async () => {
    const { wrapper, requests } = await openTeam([ADA, TOM]);
    await row(wrapper, TOM.email).get('select').setValue('auditor');
    await flushPromises();
    expect(requests).toContain('PUT /tom/role {"role":"auditor"}');
    expect(row(wrapper, TOM.email).get('select').element.value).toBe('auditor');

    const refused = await openTeam([ADA, TOM], {
      status: 409,
      message: 'Tom Agent still holds +13125550101: assign these numbers to someone else or unassign them first',
    });
    await row(refused.wrapper, TOM.email).get('select').setValue('auditor');
    await flushPromises();
    expect(refused.wrapper.get('[role="alert"]').text()).toContain('still holds +13125550101');
    expect(row(refused.wrapper, TOM.email).get('select').element.value).toBe('agent');
  });

  it('disables and enables a member', async () => {
    const { wrapper, requests } = await openTeam([ADA, TOM]);
    await button(row(wrapper, TOM.email), 'Disable').trigger('click');
    await flushPromises();
    expect(requests).toContain('POST /tom/disable');
    expect(row(wrapper, TOM.email).attributes('data-status')).toBe('disabled');
    await button(row(wrapper, TOM.email), 'Enable').trigger('click');
    await flushPromises();
    expect(requests).toContain('POST /tom/enable');
    expect(row(wrapper, TOM.email).attributes('data-status')).toBe('active');
  });

  it('removes a member only once the confirmation naming them is accepted', async () => {
    const { wrapper, requests } = await openTeam([ADA, TOM]);
    await button(row(wrapper, TOM.email), 'Remove').trigger('click');
    const confirm = wrapper.get('[data-testid="confirm-removal"]');
    expect(confirm.text()).toContain('Remove Tom Agent (tom@agency.test) from the team?');
    await button(confirm, 'Cancel').trigger('click');
    expect(requests.some((request) => request.startsWith('DELETE'))).toBe(false);

    await button(row(wrapper, TOM.email), 'Remove').trigger('click');
    await button(wrapper.get('[data-testid="confirm-removal"]'), 'Remove Tom Agent').trigger('click');
    await flushPromises();
    expect(requests).toContain('DELETE /tom');
    expect(wrapper.find(`[data-member="${TOM.email}"]`).exists()).toBe(false);
  });
});
