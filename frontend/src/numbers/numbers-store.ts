import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { accountsApi, numbersApi } from '../api/curbe-api';
import { messageOf } from '../api/http-client';
import type { AccountMember, AvailableNumber, Member, OwnedNumber } from '../api/types';
import { useSessionStore } from '../session/session-store';
import { assignableAgents } from './assignable-agents';

/** The account's numbers: search, buy, assign to an agent, release. */
export const useNumbersStore = defineStore('numbers', () => {
  const session = useSessionStore();
  const owned = ref<OwnedNumber[]>([]);
  const available = ref<AvailableNumber[]>([]);
  const members = ref<AccountMember[]>([]);
  const error = ref<string | null>(null);
  const busy = ref<string | null>(null);
  const searching = ref(false);

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

  async function search(areaCode: string): Promise<void> {
    searching.value = true;
    error.value = null;
    try {
      available.value = await numbersApi.searchAvailable(session.accountId, areaCode);
      if (available.value.length === 0)
        error.value = `No numbers are available in area code ${areaCode}. Try a neighbouring one.`;
    } catch (failure) {
      available.value = [];
      error.value = messageOf(failure);
    } finally {
      searching.value = false;
    }
  }

  async function run(key: string, action: () => Promise<unknown>): Promise<boolean> {
    busy.value = key;
    error.value = null;
    try {
      await action();
      await load();
      return true;
    } catch (failure) {
      error.value = messageOf(failure);
      return false;
    } finally {
      busy.value = null;
    }
  }

  const buy = async (phoneNumber: string) => {
    const bought = await run(phoneNumber, () => numbersApi.order(session.accountId, phoneNumber));
    if (bought) available.value = available.value.filter((number) => number.phoneNumber !== phoneNumber);
    return bought;
  };
  const assign = (phoneNumber: string, agentId: string) =>
    run(phoneNumber, () =>
      agentId
        ? numbersApi.assign(session.accountId, phoneNumber, agentId)
        : numbersApi.unassign(session.accountId, phoneNumber),
    );
  const release = (phoneNumber: string) => run(phoneNumber, () => numbersApi.release(session.accountId, phoneNumber));

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
