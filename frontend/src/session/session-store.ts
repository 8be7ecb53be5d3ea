import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { authApi } from '../api/curbe-api';
import { ApiError } from '../api/http-client';
import type { Me } from '../api/types';

/** Who is signed in, and signing in and out. */
export const useSessionStore = defineStore('session', () => {
  const me = ref<Me | null>(null);
  /** True once we asked the backend whether a session exists (so guards do not redirect too early). */
  const checked = ref(false);

  const isSignedIn = computed(() => me.value !== null);
  const role = computed(() => me.value?.user.role ?? null);
  const isAdmin = computed(() => role.value === 'admin');
  const isAgent = computed(() => role.value === 'agent');
  const isAuditor = computed(() => role.value === 'auditor');
  const accountId = computed(() => me.value?.account.id ?? '');

  async function restore(): Promise<void> {
    try {
      me.value = await authApi.me();
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 401) throw error;
      me.value = null;
    } finally {
      checked.value = true;
    }
  }

  async function signIn(email: string, password: string): Promise<void> {
    me.value = (await authApi.login(email.trim(), password)) ?? (await authApi.me());
    checked.value = true;
  }

  async function signOut(): Promise<void> {
    try {
      await authApi.logout();
    } finally {
      me.value = null;
    }
  }

  return { me, checked, isSignedIn, role, isAdmin, isAgent, isAuditor, accountId, restore, signIn, signOut };
});
