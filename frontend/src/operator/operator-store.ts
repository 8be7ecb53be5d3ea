import { defineStore } from 'pinia';
import { ref } from 'vue';
import { operatorApi } from '../api/curbe-api';
import { messageOf } from '../api/http-client';
import type { AgencySummary, CreateAgencyBody } from '../api/types';

/** A set-password link to hand over, and whose it is. */
export interface HandedLink {
  agencyName: string;
  email: string;
  url: string;
  expiresAt: string;
}

/** The platform operator's agencies: the list, creating one with its admin, and fresh links for admins. */
export const useOperatorStore = defineStore('operator', () => {
  const agencies = ref<AgencySummary[]>([]);
  const loading = ref(false);
  const error = ref<string | null>(null);
  const creating = ref(false);
  const createError = ref<string | null>(null);
  /** The admin whose fresh link is being issued (their user id), if any. */
  const issuingFor = ref<string | null>(null);
  /** The latest link issued here: shown until another replaces it. */
  const link = ref<HandedLink | null>(null);

  async function load(): Promise<void> {
    loading.value = true;
    try {
      agencies.value = await operatorApi.agencies();
      error.value = null;
    } catch (failure) {
      error.value = messageOf(failure);
    } finally {
      loading.value = false;
    }
  }

  /** Creates the agency; true when it was created (its admin's link is then in `link`). */
  async function create(agency: CreateAgencyBody): Promise<boolean> {
    creating.value = true;
    createError.value = null;
    try {
      const created = await operatorApi.createAgency(agency);
      link.value = { agencyName: created.agency.name, email: created.admin.email, ...created.passwordLink };
      await load();
      return true;
    } catch (failure) {
      createError.value = messageOf(failure);
      return false;
    } finally {
      creating.value = false;
    }
  }

  async function newLink(agency: AgencySummary, userId: string): Promise<void> {
    issuingFor.value = userId;
    try {
      const issued = await operatorApi.adminPasswordLink(agency.id, userId);
      link.value = { agencyName: agency.name, email: issued.admin.email, ...issued.passwordLink };
      error.value = null;
    } catch (failure) {
      error.value = messageOf(failure);
    } finally {
      issuingFor.value = null;
    }
  }

  return { agencies, loading, error, creating, createError, issuingFor, link, load, create, newLink };
});
