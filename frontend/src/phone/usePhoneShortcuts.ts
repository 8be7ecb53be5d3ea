import { onBeforeUnmount, onMounted } from 'vue';
import { usePhoneStore } from './phone-store';

/** Keys that type a digit on the dial pad, or send it as a tone during a call. */
export const DIAL_KEY = /^[0-9*#+]$/;

/**
 * Keyboard use anywhere on the page, while the calling component is shown. Keys are left alone while
 * the incoming-call dialog is open, with a modifier held (browser shortcuts), and in any form field
 * but the component's own `ownField`.
 */
export function usePhoneShortcuts(
  onKey: (event: KeyboardEvent, target: HTMLElement | null) => void,
  ownField: () => HTMLElement | null = () => null,
): void {
  const phone = usePhoneStore();

  function onKeydown(event: KeyboardEvent): void {
    if (phone.incomingCall || event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target as HTMLElement | null;
    const inOtherField = target?.closest('input, select, textarea') !== null && target !== ownField();
    if (inOtherField) return;
    onKey(event, target);
  }

  onMounted(() => window.addEventListener('keydown', onKeydown));
  onBeforeUnmount(() => window.removeEventListener('keydown', onKeydown));
}
