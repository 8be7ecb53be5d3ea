import type { MikroORM } from '@mikro-orm/core';
import { ActivationViewEntity } from '@curbe-voice/projections/read-models/activation';
import type { Logger } from '../../platform/logging/create-logger';
import { PeriodicJob } from '../../platform/timing/periodic-job';
import type { NumberService } from './number-service';

/** Numbers bought or released at Telnyx outside the product show up within the hour. */
export const NUMBER_SYNC_INTERVAL_MS = 60 * 60 * 1000;

export interface NumberSyncPass {
  accounts: number;
  adopted: string[];
  missing: string[];
  /** Accounts whose sync failed this time (Telnyx unreachable, say); the next pass retries them. */
  failed: string[];
}

/** The accounts whose phone service is set up at Telnyx (only those have numbers to sync). */
export async function activatedAccountIds(readModels: MikroORM): Promise<string[]> {
  const rows = await readModels.em
    .fork()
    .find(ActivationViewEntity, { status: 'completed' }, { fields: ['accountId'], orderBy: { accountId: 'asc' } });
  return rows.map((row) => row.accountId);
}

/**
 * One sync of every activated account with Telnyx, as the "Sync numbers" button does, recorded as the
 * system's doing. An account that fails does not stop the others. Several instances running it side by
 * side are safe: adoption and marking a number missing are idempotent on the number's stream.
 */
export async function syncActivatedAccounts(deps: {
  numbers: Pick<NumberService, 'sync'>;
  activatedAccounts: () => Promise<string[]>;
  logger: Pick<Logger, 'warn' | 'info'>;
}): Promise<NumberSyncPass> {
  const accountIds = await deps.activatedAccounts();
  const pass: NumberSyncPass = { accounts: accountIds.length, adopted: [], missing: [], failed: [] };
  for (const accountId of accountIds) {
    try {
      const synced = await deps.numbers.sync(accountId, { actor: 'system' });
      pass.adopted.push(...synced.adopted);
      pass.missing.push(...synced.missing);
    } catch (error) {
      pass.failed.push(accountId);
      deps.logger.warn({ err: error, accountId }, 'number sync with Telnyx failed; the next pass retries');
    }
  }
  if (pass.adopted.length + pass.missing.length > 0)
    deps.logger.info({ adopted: pass.adopted, missing: pass.missing }, 'numbers synced with Telnyx');
  return pass;
}

/** The hourly sync (start it with `firstPassNow: false`: start-up is busy enough). */
export class NumberSyncJob extends PeriodicJob<NumberSyncPass> {
  constructor(
    pass: () => Promise<NumberSyncPass>,
    logger: Pick<Logger, 'error'>,
    intervalMs = NUMBER_SYNC_INTERVAL_MS,
  ) {
    super('number sync', pass, logger, intervalMs);
  }
}
