/// <reference lib="dom" />
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { canRunInChromium } from '../support/chromium';
import { startProductionWorld, type Person, type ProductionWorld } from './production-path-world';

/**
 * Day one of a new agency, with no demo seed, in real browsers against the backend in production mode
 * and the simulator as our Telnyx, each its own process: the platform operator creates the agency; its
 * admin chooses a password from the link, adds an agent and activates the phone service; the number the
 * agency already owned at Telnyx is adopted and given to the agent, whose browser then takes a recorded
 * inbound call and calls out under that number. Removing the agent ends their session within a second.
 */

const OPERATOR = { email: 'olga@platform.example', name: 'Olga Operator', password: 'operator-password-1' };
const ADMIN = { email: 'ines@sunrise-insurance.example', name: 'Ines Admin', password: 'admin-password-1' };
const AGENT = { email: 'tom@sunrise-insurance.example', name: 'Tom Agent', password: 'agent-password-1' };
const AGENCY = 'Sunrise Insurance';
const CALLER = '+13055550177';
const CUSTOMER = '+13125550142';

describe.skipIf(!canRunInChromium('production path end-to-end test'))('day one of a new agency', () => {
  let world: ProductionWorld;
  let operator: Person;
  let admin: Person;
  let agent: Person;
  let ownedBefore = '';

  beforeAll(async () => {
    world = await startProductionWorld();
    [operator, admin, agent] = await Promise.all([world.person(), world.person(), world.person()]);
  }, 180_000);

  afterAll(async () => {
    await world?.close();
  });

  // One story: once a step fails, the later ones cannot hold; each person's screen shows where it stopped.
  let failed = false;
  beforeEach((context) => {
    if (failed) context.skip();
  });
  afterEach(async (context) => {
    if (context.task.result?.state !== 'fail' || failed) return;
    failed = true;
    for (const [name, person] of Object.entries({ operator, admin, agent }))
      await world.screenshot(person.page, `production-failed-${name}`).catch(() => undefined);
  });

  async function setPassword(page: Page, link: string, password: string): Promise<void> {
    await page.goto(link);
    await page.getByLabel(/New password/).fill(password);
    await page.getByLabel('The same again').fill(password);
    await page.getByRole('button', { name: 'Set password' }).click();
    await page.getByRole('button', { name: 'Sign in' }).click();
  }

  async function signIn(page: Page, who: { email: string }, password: string): Promise<void> {
    await page.getByRole('heading', { name: 'Sign in to Curbe Voice' }).waitFor();
    await page.getByLabel('Email').fill(who.email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('signed-in-user').waitFor();
  }

  const linkShown = async (page: Page) => (await page.getByTestId('password-link').textContent())!.trim();

  it('bootstraps the platform operator from the command line, who chooses a password from the link', async () => {
    const bootstrap = await world.accountsCli('add-operator', OPERATOR.email, '--name', OPERATOR.name);
    expect(bootstrap.code, bootstrap.stderr).toBe(0);
    const link = /https?:\/\/\S+\/set-password\?\S+/.exec(bootstrap.stdout)![0];
    expect(new URL(link).origin).toBe(world.backendUrl);
    await setPassword(operator.page, link, OPERATOR.password);
    await signIn(operator.page, OPERATOR, OPERATOR.password);
    await expect(operator.page.getByTestId('signed-in-user').textContent()).resolves.toContain(OPERATOR.name);
  });

  it('lets the operator create the agency, with a set-password link for its admin', async () => {
    const page = operator.page;
    await page.getByLabel('Agency name').fill(AGENCY);
    await page.getByLabel('Admin email').fill(ADMIN.email);
    await page.getByLabel('Admin name').fill(ADMIN.name);
    await page.getByRole('button', { name: 'Create agency' }).click();
    await page.getByTestId('password-link').waitFor({ timeout: 20_000 });
    await world.screenshot(page, 'production-01-operator');
    const link = await linkShown(page);

    // Before Curbe Voice, the agency already bought a number at Telnyx, on its managed account.
    ownedBefore = await buyNumberAtTelnyx(world, AGENCY, '602');

    await setPassword(admin.page, link, ADMIN.password);
    await signIn(admin.page, ADMIN, ADMIN.password);
    await expect(admin.page.getByTestId('signed-in-user').textContent()).resolves.toContain(ADMIN.name);
  });

  it('lets the admin add an agent, who chooses a password from the link', async () => {
    const page = admin.page;
    await page.getByRole('link', { name: 'Team' }).click();
    await page.getByLabel('Email').fill(AGENT.email);
    await page.getByLabel('Name').fill(AGENT.name);
    await page.getByLabel('Role').selectOption('agent');
    await page.getByRole('button', { name: 'Add member' }).click();
    await page.getByTestId('password-link').waitFor();
    await world.screenshot(page, 'production-02-team');
    await setPassword(agent.page, await linkShown(page), AGENT.password);
    await signIn(agent.page, AGENT, AGENT.password);
    await agent.page.locator('[data-testid="connection-badge"][data-state="not_activated"]').waitFor();
  });

  it('activates the phone service with the key from the agency’s Telnyx portal, adopting the number it had', async () => {
    const page = admin.page;
    const me = (await (await page.request.get('/api/auth/me')).json()) as { account: { id: string } };
    const telnyxAccountId = await managedAccountIdOf(world, AGENCY);
    const portalKey = await world.sim('GET', `/sim/accounts/${telnyxAccountId}/public-key`);
    await page.getByRole('link', { name: 'Activation' }).click();
    await page.locator('#webhook-key-input').fill(String(portalKey.body['public_key']));
    await page.getByRole('button', { name: 'Save key' }).click();
    await page.getByRole('button', { name: 'Activate phone' }).click();
    await page.locator('[data-testid="activation-status"][data-status="completed"]').waitFor({ timeout: 30_000 });
    await world.screenshot(page, 'production-03-activation');

    await page.getByRole('link', { name: 'Numbers' }).click();
    const owned = page.getByTestId('owned-numbers').locator(`tr[data-number="${ownedBefore}"]`);
    await owned.waitFor({ timeout: 15_000 });
    await owned.getByRole('combobox').selectOption({ label: AGENT.name });
    const numbersOfAgent = async () => {
      const members = (await (await page.request.get(`/api/accounts/${me.account.id}/members`)).json()) as {
        email: string;
        numbers: string[];
      }[];
      return members.find((member) => member.email === AGENT.email)?.numbers;
    };
    await expect.poll(numbersOfAgent, { timeout: 10_000 }).toEqual([ownedBefore]);
  });

  it('rings the agent’s browser for a call to that number, and records the conversation', async () => {
    const page = agent.page;
    await page.locator('[data-testid="connection-badge"][data-state="ready"]').waitFor({ timeout: 20_000 });
    const placed = await world.sim('POST', '/sim/calls/inbound', { from: CALLER, to: ownedBefore });
    expect(placed.status).toBe(201);
    const dialog = page.getByTestId('incoming-call');
    await dialog.waitFor({ timeout: 15_000 });
    await page.getByRole('button', { name: 'Answer' }).click();
    await page.locator('[data-testid="call-phase"][data-phase="active"]').waitFor({ timeout: 15_000 });
    await page.waitForTimeout(1_000);
    await page.getByRole('button', { name: 'Hang up' }).click();
    const row = page.getByTestId('call-history').locator('li[data-outcome="answered"]').first();
    await row.waitFor({ timeout: 15_000 });
    await expect(row.textContent()).resolves.toContain('(305) 555-0177');
    await expect.poll(async () => row.getByRole('button', { name: 'Recording' }).count(), { timeout: 20_000 }).toBe(1);
    await world.screenshot(page, 'production-04-inbound');
  });

  it('calls out under the agent’s own number', async () => {
    const page = agent.page;
    await world.sim('PUT', `/sim/callees/${encodeURIComponent(CUSTOMER)}`, {
      behaviour: 'answer',
      answerAfterMs: 300,
      hangupAfterMs: 1_500,
    });
    await page.getByLabel('Number to call').fill('3125550142');
    await page.keyboard.press('Enter');
    await page.locator('[data-testid="call-phase"][data-phase="active"]').waitFor({ timeout: 15_000 });
    await expect(page.getByTestId('my-numbers').textContent()).resolves.toContain('(602)');
    // What the customer's phone shows: the caller id Telnyx was told to present.
    const calls = (await world.sim('GET', '/sim/calls')).body['data'] as SimCall[];
    const outbound = calls.find((call) => call.direction === 'outbound' && JSON.stringify(call).includes(CUSTOMER));
    expect(outbound, 'the outbound call at Telnyx').toBeDefined();
    expect(presentedCallerIds(outbound!)).toEqual([ownedBefore]);
    await page.getByLabel('Number to call').waitFor({ timeout: 15_000 });
  });

  it('ends the removed agent’s session within a second: 401 and the sign-in page', async () => {
    const page = admin.page;
    await page.getByRole('link', { name: 'Numbers' }).click();
    const owned = page.getByTestId('owned-numbers').locator(`tr[data-number="${ownedBefore}"]`);
    await owned.getByRole('combobox').selectOption({ label: 'Nobody' });
    await expect.poll(async () => owned.getByRole('combobox').inputValue()).toBe('');
    await page.getByRole('link', { name: 'Team' }).click();
    const member = page.locator(`[data-member="${AGENT.email}"]`);
    await member.getByRole('button', { name: 'Remove' }).click();
    await page.getByRole('button', { name: /^Remove Tom Agent/ }).click();
    const removedAt = await page.evaluate(() => Date.now());
    await member.waitFor({ state: 'detached', timeout: 10_000 });

    await agent.page.getByRole('heading', { name: 'Sign in to Curbe Voice' }).waitFor({ timeout: 5_000 });
    const signInShownAt = await agent.page.evaluate(() => Date.now());
    expect((await agent.page.request.get('/api/auth/me')).status()).toBe(401);
    console.info(`removal to the agent's sign-in page: ${signInShownAt - removedAt} ms`);
    expect(signInShownAt - removedAt).toBeLessThan(1_000);
    await world.screenshot(agent.page, 'production-05-removed');
    expect([...operator.errors, ...admin.errors, ...agent.errors]).toEqual([]);
  });
});

interface SimCall {
  direction: string;
  timeline: { type: string; response_body?: string }[];
}

/** The caller ids our TeXML asked Telnyx to present on the call's dials. */
function presentedCallerIds(call: SimCall): string[] {
  const documents = call.timeline.filter((entry) => entry.type === 'texml_fetch').map((entry) => entry.response_body);
  return documents.flatMap((body) => [...(body ?? '').matchAll(/callerId="([^"]+)"/g)].map((match) => match[1]!));
}

async function managedAccountIdOf(world: ProductionWorld, agency: string): Promise<string> {
  const listed = await world.telnyx(world.rootApiKey, 'GET', '/managed_accounts');
  const found = (listed['data'] as { id: string; organization_name: string }[]).find(
    (account) => account.organization_name === agency,
  );
  if (!found) throw new Error(`no managed account named ${agency}`);
  return found.id;
}

/** Searches and orders a number on the agency's managed account at Telnyx, outside the product. */
async function buyNumberAtTelnyx(world: ProductionWorld, agency: string, areaCode: string): Promise<string> {
  const id = await managedAccountIdOf(world, agency);
  const account = (await world.telnyx(world.rootApiKey, 'GET', `/managed_accounts/${id}`))['data'] as {
    api_key: string;
  };
  const search = await world.telnyx(
    account.api_key,
    'GET',
    `/available_phone_numbers?filter[country_code]=US&filter[national_destination_code]=${areaCode}&filter[limit]=1`,
  );
  const phoneNumber = (search['data'] as { phone_number: string }[])[0]!.phone_number;
  const order = (
    await world.telnyx(account.api_key, 'POST', '/number_orders', {
      phone_numbers: [{ phone_number: phoneNumber }],
    })
  )['data'] as { id: string };
  for (let tries = 0; tries < 100; tries++) {
    const current = (await world.telnyx(account.api_key, 'GET', `/number_orders/${order.id}`))['data'] as {
      status: string;
    };
    if (current.status === 'success') return phoneNumber;
    if (current.status !== 'pending') throw new Error(`the number order ended ${current.status}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the number order stayed pending');
}
