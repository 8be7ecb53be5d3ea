import { onMounted, ref } from 'vue';
import { fetchBackendHealth, type BackendHealth } from './backend-health';

/** The backend's health, fetched when the component mounts and again on `refresh()`. */
export function useBackendHealth() {
  const health = ref<BackendHealth>({ state: 'checking' });

  async function refresh(): Promise<void> {
    health.value = { state: 'checking' };
    health.value = await fetchBackendHealth();
  }

  onMounted(refresh);
  return { health, refresh };
}
