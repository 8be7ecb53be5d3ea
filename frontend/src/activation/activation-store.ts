import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { activationApi } from '../api/curbe-api';
import { ApiError, messageOf } from '../api/http-client';
import type { ActivationProgress } from '../api/types';
import { liveEvents } from '../history/live-events';

const POLL_MS = 1_000;

/** The account's phone-service activation: start it, then follow each step until it finishes. */
export const useActivationStore = defineStore('activation', () => {
  const progress = ref<ActivationProgress | null>(null);
  const error = ref<string | null>(null);
  const starting = ref(false);
  let accountId = '';
  let poll: ReturnType<typeof setInterval> | null = null;
  let unsubscribe: (() => void) | null = null;

  const status = computed(() => progress.value?.status ?? 'not_requested');
  const isActive = computed(() => status.value === 'completed');

  async function refresh(): Promise<void> {
    if (!accountId) return;
    try {
      progress.value = await activationApi.progress(accountId);
      error.value = null;
    } catch (failure) {
      if (failure instanceof ApiError && failure.status === 404) progress.value = null;
      else error.value = messageOf(failure);
    }
    if (status.value !== 'in_progress') stopPolling();
  }

  /** Loads the current progress and keeps it current (SSE when available, polling while in progress). */
  async function watch(id: string): Promise<void> {
    accountId = id;
    unsubscribe ??= liveEvents.on('activation', () => void refresh());
    await refresh();
    if (status.value === 'in_progress') startPolling();
  }

  async function activate(): Promise<void> {
    starting.value = true;
    error.value = null;
    try {
      await activationApi.start(accountId);
    } catch (failure) {
      // 409 "already in progress / already active": the progress below says which.
      if (!(failure instanceof ApiError && failure.status === 409)) error.value = messageOf(failure);
    } finally {
      starting.value = false;
    }
    await refresh();
    startPolling();
  }

  function startPolling(): void {
    poll ??= setInterval(() => void refresh(), POLL_MS);
  }

  function stopPolling(): void {
    if (poll) clearInterval(poll);
    poll = null;
  }

  function unwatch(): void {
    stopPolling();
    unsubscribe?.();
    unsubscribe = null;
  }

  return { progress, error, starting, status, isActive, watch, unwatch, refresh, activate };
});
