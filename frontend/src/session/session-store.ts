import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { authApi } from '../api/curbe-api';
import { ApiError, onSessionEnded } from '../api/http-client';
import type { Me } from '../api/types';

/** Who is signed in (an agency's member, or a platform operator with no `account`), and signing in and out. */
export const useSessionStore = defineStore('session', () => {
  const me = ref<Me | null>(null);
  /** True once we asked the backend whether a session exists (so guards do not redirect too early). */
  const checked = ref(false);
  /** Why the user was sent back to sign in, shown there (e.g. the session ended on the server). */
  const endedMessage = ref<string | null>(null);
  /** What must stop when the session ends (the web phone's Telnyx connection, live updates). */
  const endHooks = new Set<() => Promise<void> | void>();

  const isSignedIn = computed(() => me.value !== null);
  const role = computed(() => me.value?.user.role ?? null);
  const isAdmin = computed(() => role.value === 'admin');
  const isAgent = computed(() => role.value === 'agent');
  const isAuditor = computed(() => role.value === 'auditor');
  const isOperator = computed(() => role.value === 'operator');
  const account = computed(() => me.value?.account ?? null);
  const accountId = computed(() => account.value?.id ?? '');

  /** Registers what to stop when the session ends; returns the unregister function. */
  function onEnded(hook: () => Promise<void> | void): () => void {
    endHooks.add(hook);
    return () => endHooks.delete(hook);
  }

  async function runEndHooks(): Promise<void> {
    await Promise.all([...endHooks].map(async (hook) => hook()));
  }

  // The backend refused the session (401): disconnect everything and go back to sign-in.
  onSessionEnded(() => {
    if (!me.value) return;
    me.value = null;
    endedMessage.value = 'Your session has ended. Sign in again.';
    void runEndHooks();
  });

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
    endedMessage.value = null;
  }

  async function signOut(): Promise<void> {
    await runEndHooks();
    try {
      await authApi.logout();
    } finally {
      me.value = null;
    }
  }

  return {
    me,
    checked,
    endedMessage,
    isSignedIn,
    role,
    isAdmin,
    isAgent,
    isAuditor,
    isOperator,
    account,
    accountId,
    onEnded,
    restore,
    signIn,
    signOut,
  };
});
