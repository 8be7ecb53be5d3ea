/// <reference lib="dom" />
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { canRunInChromium } from '../support/chromium';
import { startWebPhoneWorld, type WebPhoneWorld } from '../web-phone/web-phone-world';

/**
 * The Team and Account pages in a real browser against the real backend: the demo admin adds a member
 * and hands over the set-password link, changes their role, disables, enables and removes them; the
 * member chooses and later changes their own password.
 */

const ADMIN = { email: 'admin@demo.curbe.test', password: 'curbe-demo' };
const NINA = { email: 'nina@demo.curbe.test', name: 'Nina New', password: 'nina-password-1' };

describe.skipIf(!canRunInChromium('team page end-to-end tests'))('the Team page in a browser', () => {
  let world: WebPhoneWorld;
  let admin: Page;
  let memberContext: BrowserContext;
  let member: Page;

  beforeAll(async () => {
    world = await startWebPhoneWorld();
    admin = world.page;
    memberContext = await world.browser.newContext({ baseURL: world.server.url });
    member = await memberContext.newPage();
    member.on('pageerror', (error) => world.pageErrors.push(error.message));
    // Well within the test's own limit, so that a step that waits in vain says which one it was.
    for (const page of [admin, member]) page.setDefaultTimeout(10_000);
  }, 120_000);

  afterAll(async () => {
    await memberContext?.close();
    await world?.close();
  });

  async function signIn(page: Page, who: { email: string; password: string }): Promise<void> {
    await page.goto('/sign-in');
    await page.getByLabel('Email').fill(who.email);
    await page.getByLabel('Password').fill(who.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }

  const ninasRow = () => admin.locator(`[data-member="${NINA.email}"]`);

  it('adds a member and shows the set-password link, which the member uses to join', async () => {
    await signIn(admin, ADMIN);
    await admin.getByRole('link', { name: 'Team' }).click();
    await admin.getByRole('textbox', { name: 'Email' }).fill(NINA.email);
    await admin.getByRole('textbox', { name: 'Name' }).fill(NINA.name);
    await admin.getByRole('combobox', { name: 'Role' }).selectOption('auditor');
    await admin.getByRole('button', { name: 'Add member' }).click();
    const link = (await admin.getByTestId('password-link').textContent())!.trim();
    expect(new URL(link).origin).toBe(world.server.url);
    await expect(ninasRow().getByTestId('member-status').textContent()).resolves.toContain('no password yet');
    await world.screenshot('team-01-added');

    await member.goto(link);
    await member.getByLabel('New password').fill(NINA.password);
    await member.getByLabel('The same again').fill(NINA.password);
    await member.getByRole('button', { name: 'Set password' }).click();
    await member.getByRole('button', { name: 'Sign in' }).click();
    await signIn(member, NINA);
    await member.getByTestId('signed-in-user').waitFor();
  });

  it('changes the member’s role: their session ends at once', async () => {
    await admin.reload();
    await ninasRow().getByRole('combobox').selectOption('agent');
    await expect.poll(() => ninasRow().getByRole('combobox').inputValue()).toBe('agent');
    expect((await member.request.get('/api/auth/me')).status()).toBe(401);
  });

  it('disables the member, who can no longer sign in, and enables them again', async () => {
    await ninasRow().getByRole('button', { name: 'Disable' }).click();
    await ninasRow().and(admin.locator('[data-status="disabled"]')).waitFor();
    await signIn(member, NINA);
    await member.getByRole('alert').waitFor();
    await expect(member.getByRole('alert').textContent()).resolves.toContain('not correct');

    await ninasRow().getByRole('button', { name: 'Enable' }).click();
    await ninasRow().and(admin.locator('[data-status="active"]')).waitFor();
    await signIn(member, NINA);
    await member.getByTestId('signed-in-user').waitFor();
  });

  it('lets the member change their own password and stay signed in', async () => {
    await member.getByRole('link', { name: 'Account' }).click();
    await member.getByLabel('Current password').fill(NINA.password);
    await member.getByLabel('New password').fill('nina-password-2');
    await member.getByLabel('The same again').fill('nina-password-2');
    await member.getByRole('button', { name: 'Change password' }).click();
    await member.getByText('Your password is changed').waitFor();
    expect((await member.request.get('/api/auth/me')).status()).toBe(200);
  });

  it('removes the member after a confirmation naming them', async () => {
    await ninasRow().getByRole('button', { name: 'Remove' }).click();
    await admin.getByRole('button', { name: `Remove ${NINA.name}` }).click();
    await ninasRow().waitFor({ state: 'detached' });
    expect((await member.request.get('/api/auth/me')).status()).toBe(401);
    await world.screenshot('team-02-removed');
    expect(world.pageErrors).toEqual([]);
  });
});
