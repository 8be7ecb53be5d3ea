import { defineStore } from 'pinia';
import { ref } from 'vue';
import { auditApi } from '../api/curbe-api';
import { messageOf } from '../api/http-client';
import type { AuditEntry, ChainVerification, SetupAt } from '../api/types';

/** An account's audit trail, its setup at a chosen moment, and whether its hash chains are intact. */
export const useAuditStore = defineStore('audit', () => {
  const events = ref<AuditEntry[]>([]);
  const setupAt = ref<SetupAt | null>(null);
  const verification = ref<ChainVerification | null>(null);
  const error = ref<string | null>(null);
  /** Members' names by user id, so the timeline says who acted ("Ana Agent", not "user:5b0f…"). */
  const names = ref<Record<string, string>>({});
  const loading = ref(false);
  let latestRequest = 0;

  async function load(accountId: string): Promise<void> {
    loading.value = true;
    error.value = null;
    try {
      const [trail, chains, now] = await Promise.all([
        auditApi.events(accountId),
        auditApi.verify(accountId),
        auditApi.stateAt(accountId, new Date().toISOString()),
      ]);
      events.value = trail;
      verification.value = chains;
      names.value = Object.fromEntries(
        (now.setup?.agents ?? []).map((member) => [`user:${member.userId}`, member.displayName]),
      );
    } catch (failure) {
      error.value = messageOf(failure);
    } finally {
      loading.value = false;
    }
  }

  /** The setup as it was at `at`; a slower, older answer never overwrites a newer one. */
  async function showAt(accountId: string, at: string): Promise<void> {
    const request = ++latestRequest;
    try {
      const answer = await auditApi.stateAt(accountId, at);
      if (request === latestRequest) setupAt.value = answer;
    } catch (failure) {
      if (request === latestRequest) error.value = messageOf(failure);
    }
  }

  return { events, setupAt, verification, names, error, loading, load, showAt };
});
