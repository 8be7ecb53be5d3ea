/// <reference lib="dom" />
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { canRunInChromium } from '../support/chromium';
import { startWebPhoneWorld, type WebPhoneWorld } from './web-phone-world';

/**
 * The web phone as an agent uses it, in a real browser against the real backend and the simulator:
 * sign in, the admin activates and buys numbers (confirming their monthly cost), call out and talk (mute, hold, resume), take and reject calls,
 * find them in the history with their recordings, and the auditor's view of it all.
 */

const ADMIN = { email: 'admin@demo.curbe.test', password: 'curbe-demo' };
const AGENT = { email: 'ana@demo.curbe.test', password: 'curbe-demo' };
const AUDITOR = { email: 'audit@demo.curbe.test', password: 'curbe-demo' };
const CUSTOMER = '+13125550199';
const CALLER = '+13055550123';

describe.skipIf(!canRunInChromium('web phone end-to-end tests'))('the web phone in a browser', () => {
  let world: WebPhoneWorld;
  let page: Page;
  let ourNumber = '';
  const timings: Record<string, number> = {};

  beforeAll(async () => {
    world = await startWebPhoneWorld();
    page = world.page;
  }, 120_000);

  afterAll(async () => {
    if (Object.keys(timings).length) console.info('web phone timings (ms):', timings);
    await world?.close();
  });

  const phase = () => page.getByTestId('call-phase');

  async function signIn(who: { email: string; password: string }): Promise<void> {
    await page.goto('/sign-in');
    await page.getByLabel('Email').fill(who.email);
    await page.getByLabel('Password').fill(who.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }

  async function signOut(): Promise<void> {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in to Curbe Voice' }).waitFor();
  }

  async function historyRow(predicate: (row: { outcome: string; text: string }) => boolean, what: string) {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const rows = await page
        .getByTestId('call-history')
        .locator('li')
        .evaluateAll((items) =>
          items.map((item) => ({
            id: item.getAttribute('data-call-id') ?? '',
            outcome: item.getAttribute('data-outcome') ?? '',
            text: item.textContent ?? '',
          })),
        );
      const found = rows.find(predicate);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no ${what} in the history: ${JSON.stringify(rows)}`);
      await page.waitForTimeout(200);
    }
  }

  it('refuses a wrong password in plain words', async () => {
    await signIn({ ...AGENT, password: 'not-the-password' });
    await expect(page.getByRole('alert').textContent()).resolves.toContain('not correct');
    await world.screenshot('01-sign-in');
  });

  it('signs the agent in; the phone says it is not activated yet', async () => {
    await signIn(AGENT);
    await expect(page.getByTestId('signed-in-user').textContent()).resolves.toContain('Ana Agent');
    await page.locator('[data-testid="connection-badge"][data-state="not_activated"]').waitFor();
  });

  it('offers the agent neither activation nor buying: those are the admin’s', async () => {
    await page.getByRole('link', { name: 'Activation' }).click();
    await page.locator('[data-testid="activation-status"][data-status="not_requested"]').waitFor();
    await expect(page.getByRole('button', { name: 'Activate phone' }).count()).resolves.toBe(0);
    await page.getByRole('link', { name: 'Numbers' }).click();
    await page.getByRole('heading', { name: 'Phone numbers' }).waitFor();
    await expect(page.getByRole('button', { name: 'Search' }).count()).resolves.toBe(0);
  });

  it('activates the phone service as the admin and shows each step done', async () => {
    await signOut();
    await signIn(ADMIN);
    await expect(page.getByTestId('signed-in-user').textContent()).resolves.toContain('Ada Admin');
    await expect(page.getByRole('link', { name: 'Phone' }).count()).resolves.toBe(0);
    await page.getByRole('link', { name: 'Activation' }).click();
    await page.getByRole('button', { name: 'Activate phone' }).click();
    await page.locator('[data-testid="activation-status"][data-status="completed"]').waitFor({ timeout: 20_000 });
    const states = await page
      .locator('[data-step]')
      .evaluateAll((steps) => steps.map((step) => step.getAttribute('data-state')));
    expect(states.length).toBeGreaterThanOrEqual(4);
    expect(states.every((state) => state === 'done')).toBe(true);
    await world.screenshot('02-activation');
  });

  it('finds a number by area code, buys it once its monthly cost is confirmed and gives it to the agent', async () => {
    await page.getByRole('link', { name: 'Numbers' }).click();
    await page.getByRole('button', { name: 'Search' }).click();
    await expect(page.getByRole('alert').first().textContent()).resolves.toContain('three digits');
    await page.getByLabel('Area code').fill('305');
    await page.getByRole('button', { name: 'Search' }).click();
    const offer = page.locator('tr[data-number]').first();
    await offer.waitFor();
    ourNumber = (await offer.getAttribute('data-number'))!;
    await offer.getByRole('button', { name: /^Buy/ }).click();
    await expect(page.getByTestId('confirm-buy').textContent()).resolves.toMatch(/ a month\?/);
    await page.getByRole('button', { name: 'Confirm purchase' }).click();
    const owned = page.getByTestId('owned-numbers').locator(`tr[data-number="${ourNumber}"]`);
    await owned.waitFor();
    await owned.getByRole('combobox').selectOption({ label: 'Ana Agent' });
    await expect.poll(async () => owned.getByRole('combobox').inputValue()).not.toBe('');
    await world.screenshot('03-numbers');
  });

  it('offers every agent of the account, not the auditor, and gives a second number to Ben', async () => {
    const choices = await page
      .getByTestId('owned-numbers')
      .locator(`tr[data-number="${ourNumber}"] option`)
      .allTextContents();
    expect(choices.map((choice) => choice.trim())).toEqual(['Nobody', 'Ana Agent', 'Ben Agent']);
    const offer = page.getByTestId('available-numbers').locator('tr[data-number]').first();
    const bensNumber = (await offer.getAttribute('data-number'))!;
    await offer.getByRole('button', { name: /^Buy/ }).click();
    await page.getByRole('button', { name: 'Confirm purchase' }).click();
    const owned = page.getByTestId('owned-numbers').locator(`tr[data-number="${bensNumber}"]`);
    await owned.waitFor();
    await owned.getByRole('combobox').selectOption({ label: 'Ben Agent' });
    // The backend agrees: Ben's number rings him, Ana keeps hers.
    const { account } = (await (await page.request.get('/api/auth/me')).json()) as { account: { id: string } };
    const numbersOf = async (displayName: string) => {
      const members = (await (await page.request.get(`/api/accounts/${account.id}/members`)).json()) as {
        displayName: string;
        numbers: string[];
      }[];
      return members.find((member) => member.displayName === displayName)?.numbers;
    };
    await expect.poll(() => numbersOf('Ben Agent'), { timeout: 10_000 }).toEqual([bensNumber]);
    expect(await numbersOf('Ana Agent')).toEqual([ourNumber]);
  });

  it('measures sign-in to ready', async () => {
    await signOut();
    await page.getByLabel('Email').fill(AGENT.email);
    await page.getByLabel('Password').fill(AGENT.password);
    const started = Date.now();
    await page.getByRole('button', { name: 'Sign in' }).click();
    // The account is active now: the agent's phone connects by itself.
    await page.locator('[data-testid="connection-badge"][data-state="ready"]').waitFor({ timeout: 15_000 });
    timings['sign-in to ready'] = Date.now() - started;
    // The header lists the agent's number.
    await expect
      .poll(async () => page.getByTestId('my-numbers').textContent(), { timeout: 10_000 })
      .not.toContain('No number');
  });

  it('places a call the customer answers, mutes, holds, resumes, sends a tone and hangs up with Esc', async () => {
    await world.sim('PUT', `/sim/callees/${encodeURIComponent(CUSTOMER)}`, {
      behaviour: 'answer',
      answerAfterMs: 300,
      hangupAfterMs: null,
    });
    await page.getByRole('link', { name: 'Phone' }).click();
    const input = page.getByLabel('Number to call');
    await input.waitFor();
    // Typed on the page itself (not in the field): digits type, Backspace deletes, formatting as you type.
    await page.locator('body').click({ position: { x: 5, y: 300 } });
    await page.keyboard.type('31255501999');
    await page.keyboard.press('Backspace');
    await expect(input.inputValue()).resolves.toBe('(312) 555-0199');
    await expect(page.locator('#phone-number-hint').textContent()).resolves.toContain(CUSTOMER);
    const dialled = Date.now();
    await page.keyboard.press('Enter');
    await page.locator('[data-testid="call-phase"][data-phase="active"]').waitFor({ timeout: 15_000 });
    timings['dial to active'] = Date.now() - dialled;

    // The far end's audio reaches the <audio> element.
    await page.waitForFunction(() => {
      const audio = document.querySelector<HTMLAudioElement>('[data-testid="remote-audio"]');
      return audio?.srcObject instanceof MediaStream && audio.srcObject.getAudioTracks().length > 0;
    });
    await page.getByTestId('call-timer').waitFor();
    await page.locator('[data-testid="call-quality"]:not([data-level="unknown"])').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('call-quality').getAttribute('data-level')).toBe('good');

    await page.getByRole('button', { name: 'Mute' }).click();
    await expect(page.getByRole('button', { name: 'Unmute' }).getAttribute('aria-pressed')).resolves.toBe('true');
    await expect(phase().textContent()).resolves.toContain('Muted');
    await page.getByRole('button', { name: 'Unmute' }).click();

    await page.getByRole('button', { name: 'Hold' }).click();
    await page.locator('[data-testid="call-phase"][data-phase="held"]').waitFor();
    await world.screenshot('04-call-on-hold');
    await page.getByRole('button', { name: 'Resume' }).click();
    await page.locator('[data-testid="call-phase"][data-phase="active"]').waitFor();

    await page.getByRole('button', { name: 'Keypad' }).click();
    await page.getByRole('group', { name: 'Keypad for tones' }).getByRole('button', { name: '1', exact: true }).click();
    await expect(page.getByText('Tones sent: 1').count()).resolves.toBe(1);

    await page.keyboard.press('Escape');
    await input.waitFor();
    await expect(phase().count()).resolves.toBe(0);
  });

  it('shows the call in the history with a playable recording', async () => {
    const row = await historyRow(
      (call) => call.text.includes('(312) 555-0199') && call.outcome === 'answered',
      'answered outbound call',
    );
    const item = page.locator(`li[data-call-id="${row.id}"]`);
    const recordingButton = item.getByRole('button', { name: 'Recording' });
    await expect.poll(async () => recordingButton.count(), { timeout: 20_000 }).toBe(1);
    await recordingButton.click();
    const audio = item.locator('audio');
    await audio.waitFor();
    // The browser loads the recording and knows its length.
    await page.waitForFunction((id) => {
      const element = document.querySelector<HTMLAudioElement>(`li[data-call-id="${id}"] audio`);
      return element !== null && element.readyState >= 1 && element.duration > 0;
    }, row.id);
    const src = await audio.getAttribute('src');
    const response = await page.request.get(src!);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toContain('audio/');
    expect(await item.getByRole('link', { name: 'Download' }).getAttribute('download')).not.toBeNull();
    await world.screenshot('05-phone-with-history');
  });

  it('rings for an inbound call, answers it, and hangs up', async () => {
    const placed = await world.sim('POST', '/sim/calls/inbound', { from: CALLER, to: ourNumber });
    expect(placed.status).toBe(201);
    const dialog = page.getByTestId('incoming-call');
    await dialog.waitFor({ timeout: 15_000 });
    await expect(dialog.textContent()).resolves.toContain('(305) 555-0123');
    await world.screenshot('06-incoming-call');
    // Answer has the focus: Enter answers.
    await page.keyboard.press('Enter');
    await page.locator('[data-testid="call-phase"][data-phase="active"]').waitFor({ timeout: 15_000 });
    await expect(dialog.count()).resolves.toBe(0);
    await page.getByRole('button', { name: 'Hang up' }).click();
    await page.getByLabel('Number to call').waitFor();
    await historyRow(
      (call) => call.text.includes('(305) 555-0123') && call.outcome === 'answered',
      'answered inbound call',
    );
  });

  it('rejects an inbound call, which the history shows as missed', async () => {
    const placed = await world.sim('POST', '/sim/calls/inbound', { from: '+13055550124', to: ourNumber });
    expect(placed.status).toBe(201);
    const dialog = page.getByTestId('incoming-call');
    await dialog.waitFor({ timeout: 15_000 });
    await page.getByRole('button', { name: 'Reject' }).click();
    await expect.poll(async () => dialog.count()).toBe(0);
    // Declined calls go to voicemail; the caller leaves no message and hangs up.
    await page.waitForTimeout(300);
    await world.sim('POST', `/sim/calls/${encodeURIComponent(placed.body['call_sid'] as string)}/hangup`);
    await historyRow(
      (call) => call.text.includes('(305) 555-0124') && call.outcome === 'missed',
      'missed inbound call',
    );
    await page.getByRole('link', { name: 'Calls' }).click();
    await page.getByLabel('Outcome').selectOption('missed');
    await historyRow((call) => call.text.includes('(305) 555-0124'), 'the call under the "missed" filter');
    await expect(page.getByTestId('call-history').locator('li[data-outcome="answered"]').count()).resolves.toBe(0);
    await page.getByLabel('Outcome').selectOption('');
    await world.screenshot('07-call-history');
  });

  it('shows the auditor the trail, the setup at any moment, and an intact chain', async () => {
    await signOut();
    await signIn(AUDITOR);
    await page.getByRole('heading', { name: /Audit trail/ }).waitFor();
    await page.locator('[data-testid="chain-verification"][data-intact="true"]').waitFor();
    const events = await page.getByTestId('audit-timeline').locator('li').count();
    expect(events).toBeGreaterThan(5);
    await page.getByTestId('snapshot-numbers').waitFor();
    await expect(page.getByTestId('snapshot-numbers').textContent()).resolves.toContain('Ana Agent');
    // Back to before anything happened: the account is not activated and has no numbers.
    await page.getByLabel(/Moment/).fill('1');
    await expect.poll(async () => page.getByTestId('snapshot-activation').textContent()).not.toContain('completed');
    await expect.poll(async () => page.getByTestId('snapshot-numbers').locator('li').count()).toBe(0);
    await world.screenshot('08-audit');
    expect(world.pageErrors).toEqual([]);
  });
});
