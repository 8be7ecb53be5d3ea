import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { callsApi } from '../api/curbe-api';
import { messageOf } from '../api/http-client';
import type { CallOutcome, CallRecord, CallView } from '../api/types';
import { mergeCall, toCallRecord } from './call-record';
import { liveEvents } from './live-events';

export type DirectionFilter = '' | 'inbound' | 'outbound';
export type OutcomeFilter = '' | CallOutcome;

/** Call history: a filtered list from the API, kept current by live `call` events. */
export const useHistoryStore = defineStore('history', () => {
  const calls = ref<CallRecord[]>([]);
  const direction = ref<DirectionFilter>('');
  const outcome = ref<OutcomeFilter>('');
  const loading = ref(false);
  const error = ref<string | null>(null);
  const nextCursor = ref<string | null>(null);
  const live = ref(false);
  let unsubscribe: (() => void) | null = null;

  /** Filters are applied here too, so live updates respect them. */
  const visible = computed(() =>
    calls.value.filter(
      (call) =>
        (!direction.value || call.direction === direction.value) && (!outcome.value || call.outcome === outcome.value),
    ),
  );

  async function load(): Promise<void> {
    loading.value = true;
    error.value = null;
    try {
      const page = await callsApi.list({ direction: direction.value, outcome: outcome.value });
      calls.value = page.calls;
      nextCursor.value = page.nextCursor;
    } catch (failure) {
      error.value = messageOf(failure);
    } finally {
      loading.value = false;
    }
  }

  async function loadMore(): Promise<void> {
    if (!nextCursor.value) return;
    loading.value = true;
    try {
      const page = await callsApi.list({
        direction: direction.value,
        outcome: outcome.value,
        cursor: nextCursor.value,
      });
      for (const call of page.calls) calls.value = mergeCall(calls.value, call);
      nextCursor.value = page.nextCursor;
    } catch (failure) {
      error.value = messageOf(failure);
    } finally {
      loading.value = false;
    }
  }

  function follow(): void {
    if (unsubscribe) return;
    liveEvents.onStatus = (connected) => (live.value = connected);
    liveEvents.open();
    unsubscribe = liveEvents.on('call', (data) => {
      const view = data as CallView;
      if (typeof view?.callSid === 'string') calls.value = mergeCall(calls.value, toCallRecord(view));
    });
  }

  function stop(): void {
    unsubscribe?.();
    unsubscribe = null;
    liveEvents.close();
    calls.value = [];
  }

  return { calls, visible, direction, outcome, loading, error, nextCursor, live, load, loadMore, follow, stop };
});
