import { assessQuality, readAudioStats, type AudioStatsSample } from './call-quality';
import { usePhoneStore } from './phone-store';
import type { VoiceCall } from './voice-client';

const QUALITY_INTERVAL_MS = 2_000;

/** Samples the answered call's WebRTC statistics every two seconds and keeps the store's line quality current. */
export function useCallQuality() {
  const phone = usePhoneStore();
  let timer: ReturnType<typeof setInterval> | null = null;

  function start(call: VoiceCall): void {
    if (timer) return;
    let previous: AudioStatsSample | null = null;
    timer = setInterval(async () => {
      const connection = call.peer?.instance;
      if (!connection) return;
      try {
        const report = await connection.getStats();
        const sample = readAudioStats(report.values() as Iterable<Record<string, unknown>>);
        if (!sample) return;
        phone.quality = assessQuality(sample, previous);
        previous = sample;
      } catch {
        // The peer connection closed between two samples: the call is ending.
      }
    }, QUALITY_INTERVAL_MS);
  }

  function stop(): void {
    if (timer) clearInterval(timer);
    timer = null;
    phone.quality = null;
  }

  return { start, stop };
}

export type CallQualityMonitor = ReturnType<typeof useCallQuality>;
