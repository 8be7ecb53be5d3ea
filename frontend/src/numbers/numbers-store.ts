import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { auditApi, numbersApi } from '../api/curbe-api';
import { messageOf } from '../api/http-client';
import type { AvailableNumber, Member, OwnedNumber } from '../api/types';
import { useSessionStore } from '../session/session-store';

/** The account's numbers: search, buy, assign to an agent, release. */
export const useNumbersStore = defineStore('numbers', () => {
  const session = useSessionStore();
  const owned = ref<OwnedNumber[]>([]);
  const available = ref<AvailableNumber[]>([]);
  const members = ref<Member[]>([]);
  const error = ref<string | null>(null);
  const busy = ref<string | null>(null);
  const searching = ref(false);

  const active = computed(() => owned.value.filter((number) => number.status === 'active'));
  /** The signed-in agent's own numbers, shown in the header and used as caller ID. */
  const mine = computed(() => active.value.filter((number) => number.agentId === session.me?.user.id).map((number) => number.phoneNumber));

  /**
   * Agents that numbers can be assigned to. No endpoint lists an account's agents to an agent, so the
   * list is built from what the API shows: the account's setup (auditors may read it), the signed-in
   * agent, and agents already holding numbers.
   */
  const agents = computed<Member[]>(() => {
    const byId = new Map<string, Member>();
    for (const member of members.value) if (member.role === 'agent') byId.set(member.userId, member);
    const me = session.me?.user;
    if (me?.role === 'agent' && !byId.has(me.id)) byId.set(me.id, { userId: me.id, email: me.email, displayName: me.displayName, role: 'agent' });
    for (const number of owned.value) {
      if (number.agentId && !byId.has(number.agentId)) {
        byId.set(number.agentId, { userId: number.agentId, email: '', displayName: number.agentName ?? number.agentId, role: 'agent' });
      }
    }
    return [...byId.values()].sort((a, b) => a.displayName.localeCompare(b.displayName));
  });

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
    // Only auditors may read the account's setup (which lists its members).
    if (!session.isAuditor) return;
    try {
      const snapshot = await auditApi.stateAt(session.accountId, new Date().toISOString());
      members.value = snapshot.setup?.agents ?? [];
    } catch {
      // Not allowed or not available: fall back to what `agents` derives.
    }
  }

  async function search(areaCode: string): Promise<void> {
    searching.value = true;
    error.value = null;
    try {
      available.value = await numbersApi.searchAvailable(session.accountId, areaCode);
      if (available.value.length === 0) error.value = `No numbers are available in area code ${areaCode}. Try a neighbouring one.`;
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
    run(phoneNumber, () => (agentId ? numbersApi.assign(session.accountId, phoneNumber, agentId) : numbersApi.unassign(session.accountId, phoneNumber)));
  const release = (phoneNumber: string) => run(phoneNumber, () => numbersApi.release(session.accountId, phoneNumber));

  return { owned, active, mine, available, agents, error, busy, searching, load, loadMembers, search, buy, assign, release };
});
