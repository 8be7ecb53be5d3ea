import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NumberSyncJob, syncActivatedAccounts } from '@curbe-voice/backend/testing';
import { createNumbersFixture, type NumbersFixture } from '../../support/numbers-fixture';

/**
 * The periodic check behind "Sync numbers": numbers the agency bought or released at Telnyx outside the
 * product are adopted or marked missing without anyone pressing the button.
 */

let fx: NumbersFixture;
beforeAll(async () => {
  fx = await createNumbersFixture();
  await fx.activate();
}, 60_000);
afterAll(async () => {
  await fx?.close();
});

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
const listed = async () =>
  (
    await fx.app.inject({ method: 'GET', url: `/api/accounts/${fx.account.accountId}/numbers`, headers: fx.as(fx.ada) })
  ).json<{ phoneNumber: string; status: string }[]>();

describe('the periodic number sync', () => {
  it('adopts numbers bought at Telnyx outside the product and carries on past an account it cannot sync', async () => {
    const boughtOutside = await fx.orderedAtTelnyx('704');
    expect((await listed()).map((row) => row.phoneNumber)).not.toContain(boughtOutside);

    const pass = await syncActivatedAccounts({
      numbers: fx.numbers,
      // An account that is gone (say, deleted at Telnyx) fails; the next one is still synced.
      activatedAccounts: async () => ['00000000-0000-4000-8000-00000000dead', fx.account.accountId],
      logger: quiet,
    });
    expect(pass).toEqual({
      accounts: 2,
      adopted: [boughtOutside],
      missing: [],
      failed: ['00000000-0000-4000-8000-00000000dead'],
    });
    expect(await listed()).toEqual(
      expect.arrayContaining([expect.objectContaining({ phoneNumber: boughtOutside, status: 'active' })]),
    );
  });

  it('runs on its schedule, not only at start', async () => {
    let passes = 0;
    const job = new NumberSyncJob(
      async () => {
        passes += 1;
        return { accounts: 0, adopted: [], missing: [], failed: [] };
      },
      quiet,
      30,
    );
    expect(await job.start({ firstPassNow: false })).toBeNull();
    expect(passes).toBe(0);
    await expect.poll(() => passes, { timeout: 2_000 }).toBeGreaterThanOrEqual(2);
    await job.stop();
  });
});
