import { ref, type Ref } from 'vue';
import { numbersApi } from '../api/curbe-api';
import { messageOf } from '../api/http-client';
import type { AvailableNumber } from '../api/types';

export interface NumberActionDeps {
  accountId: () => string;
  /** Where a failed action says why. */
  error: Ref<string | null>;
  /** The search results: a bought number leaves them. */
  available: Ref<AvailableNumber[]>;
  /** Reloads the owned numbers after a change. */
  reload: () => Promise<void>;
}

/**
 * Buying, assigning and releasing a number: one at a time, shown as `busy` with that number, and
 * followed by a reload of the owned numbers. Each action resolves to whether it succeeded.
 */
export function useNumberActions({ accountId, error, available, reload }: NumberActionDeps) {
  const busy = ref<string | null>(null);

  async function run(key: string, action: () => Promise<unknown>): Promise<boolean> {
    busy.value = key;
    error.value = null;
    try {
      await action();
      await reload();
      return true;
    } catch (failure) {
      error.value = messageOf(failure);
      return false;
    } finally {
      busy.value = null;
    }
  }

  const buy = async (phoneNumber: string) => {
    const bought = await run(phoneNumber, () => numbersApi.order(accountId(), phoneNumber));
    if (bought) available.value = available.value.filter((number) => number.phoneNumber !== phoneNumber);
    return bought;
  };
  const assign = (phoneNumber: string, agentId: string) =>
    run(phoneNumber, () =>
      agentId ? numbersApi.assign(accountId(), phoneNumber, agentId) : numbersApi.unassign(accountId(), phoneNumber),
    );
  const release = (phoneNumber: string) => run(phoneNumber, () => numbersApi.release(accountId(), phoneNumber));

  return { busy, buy, assign, release };
}
