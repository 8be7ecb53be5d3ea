import { ref, type Ref } from 'vue';
import { numbersApi } from '../api/curbe-api';
import { messageOf } from '../api/http-client';
import type { AvailableNumber } from '../api/types';

/** Numbers on offer in an area code; a failed or empty search says why in the store's `error`. */
export function useNumberSearch(accountId: () => string, error: Ref<string | null>) {
  const available = ref<AvailableNumber[]>([]);
  const searching = ref(false);

  async function search(areaCode: string): Promise<void> {
    searching.value = true;
    error.value = null;
    try {
      available.value = await numbersApi.searchAvailable(accountId(), areaCode);
      if (available.value.length === 0)
        error.value = `No numbers are available in area code ${areaCode}. Try a neighbouring one.`;
    } catch (failure) {
      available.value = [];
      error.value = messageOf(failure);
    } finally {
      searching.value = false;
    }
  }

  return { available, searching, search };
}
