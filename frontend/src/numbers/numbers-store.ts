import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { accountsApi, numbersApi } from '../api/curbe-api';
import { messageOf } from '../api/http-client';
import type { AccountMember, Member, OwnedNumber } from '../api/types';
import { useSessionStore } from '../session/session-store';
import { assignableAgents } from './assignable-agents';
import { useNumberActions } from './useNumberActions';
import { useNumberSearch } from './useNumberSearch';
import { useNumberUpdates } from './useNumberUpdates';

/** The account's numbers: search, buy (pending until Telnyx delivers), sync with Telnyx, assign to an agent, release. */
export const useNumbersStore = defineStore('numbers', () => {
  const session = useSessionStore();
  const owned = ref<OwnedNumber[]>([]);
  const members = ref<AccountMember[]>([]);
  const error = ref<string | null>(null);
  const accountId = () => session.accountId;
  const { available, searching, search } = useNumberSearch(accountId, error);
  const { busy, buy, assign, release } = useNumberActions({ accountId, error, available, reload: load });

  const active = computed(() => owned.value.filter((number) => number.status === 'active'));
  /** What the numbers page lists: every number but the released ones (pending and failed orders show why). */
  const listed = computed(() => owned.value.filter((number) => number.status !== 'released'));
  const syncing = ref(false);
  let pendingCheck: ReturnType<typeof setTimeout> | undefined;
  /** The signed-in agent's own numbers, shown in the header and used as caller ID. */
  const mine = computed(() =>
    active.value.filter((number) => number.agentId === session.me?.user.id).map((number) => number.phoneNumber),
  );
  /** Agents that numbers can be assigned to: every agent of the account. */
  const agents = computed<Member[]>(() => assignableAgents(members.value, owned.value));

  async function load(): Promise<void> {
    if (!session.accountId) return;
    try {
      owned.value = await numbersApi.list(session.accountId);
      error.value = null;
    } catch (failure) {
      error.value = messageOf(failure);
    }
    // Telnyx completes orders a little later: look again while one is pending.
    clearTimeout(pendingCheck);
    if (owned.value.some((number) => number.status === 'pending')) pendingCheck = setTimeout(() => void load(), 1000);
  }

  const { follow, unwatch } = useNumberUpdates(load);
  async function sync(): Promise<void> {
    if (!session.accountId) return;
    syncing.value = true;
    try {
      await numbersApi.sync(session.accountId);
      await load();
    } catch (failure) {
      error.value = messageOf(failure);
    } finally {
      syncing.value = false;
    }
  }

  async function loadMembers(): Promise<void> {
    if (!session.accountId) return;
    try {
      members.value = await accountsApi.members(session.accountId);
    } catch (failure) {
      // The numbers still show with the agents who hold them; say why nobody else is offered.
      error.value = `The account's agents could not be loaded: ${messageOf(failure)}`;
    }
  }

  return {
    follow,
    unwatch,
    owned,
    active,
    listed,
    syncing,
    sync,
    mine,
    available,
    agents,
    error,
    busy,
    searching,
    load,
    loadMembers,
    search,
    buy,
    assign,
    release,
  };
});
