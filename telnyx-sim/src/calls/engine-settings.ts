/**
 * Knobs of the simulated telephone network, changed at run time through `PUT /sim/settings`.
 */
export interface CallEngineSettings {
  /** Wall-clock ms per simulated ms: 1 = real time, 0.01 = a hundred times faster. */
  timeScale: number;
  /** How long a caller speaks into `<Record>` (simulated ms), unless the call says otherwise. */
  voicemailMs: number;
  /** Wall-clock ms a recording URL keeps working after its call ended. */
  recordingUrlTtlMs: number;
  callbackChaos: { duplicate: boolean; shuffle: boolean };
  /** Delivery attempts per callback (first try included). */
  callbackMaxAttempts: number;
  /** First retry delay (simulated ms, doubled on each retry). */
  callbackRetryBaseMs: number;
  /** Wall-clock ms to wait for a customer server's answer. */
  httpTimeoutMs: number;
}

export function defaultCallEngineSettings(): CallEngineSettings {
  return {
    timeScale: 1,
    voicemailMs: 3000,
    recordingUrlTtlMs: 10 * 60 * 1000,
    callbackChaos: { duplicate: false, shuffle: false },
    callbackMaxAttempts: 4,
    callbackRetryBaseMs: 1000,
    httpTimeoutMs: 5000,
  };
}

export type CallEngineSettingsPatch = Partial<Omit<CallEngineSettings, 'callbackChaos'>> & {
  callbackChaos?: Partial<CallEngineSettings['callbackChaos']>;
};

export function applySettingsPatch(settings: CallEngineSettings, patch: CallEngineSettingsPatch): CallEngineSettings {
  const { callbackChaos, ...rest } = patch;
  Object.assign(settings, rest);
  if (callbackChaos) settings.callbackChaos = { ...settings.callbackChaos, ...callbackChaos };
  return settings;
}
