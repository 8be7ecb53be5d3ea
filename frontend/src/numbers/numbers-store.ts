import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { accountsApi, numbersApi } from '../api/curbe-api';
import { messageOf } from '../api/http-client';
import type { AccountMember, Member, OwnedNumber } from '../api/types';
import { useSessionStore } from '../session/session-store';
import { assignableAgents } from './assignable-agents';
import { useNumberActions } from './useNumberActions';
import { useNumberSearch } from './useNumberSearch';

/** The account's numbers: search, buy, assign to an agent, release. */
export const useNumbersStore = defineStore('numbers', () => {
  const session = useSessionStore();
  const owned = ref<OwnedNumber[]>([]);
  const members = ref<AccountMember[]>([]);
  const error = ref<string | null>(null);
  const accountId = () => session.accountId;
  const { available, searching, search } = useNumberSearch(accountId, error);
  const { busy, buy, assign, release } = useNumberActions({ accountId, error, available, reload: load });

  const active = computed(() => owned.value.filter((number) => number.status === 'active'));
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
    owned,
    active,
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
