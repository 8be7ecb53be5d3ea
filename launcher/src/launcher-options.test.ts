import { describe, expect, it } from 'vitest';
import { readLauncherOptions } from './launcher-options';

function optionsOf(env: NodeJS.ProcessEnv) {
  const result = readLauncherOptions(env);
  if (!result.ok) throw new Error(`expected valid launcher options, got: ${result.error}`);
  return result.options;
}

describe('readLauncherOptions', () => {
  it('runs the simulator on port 3100 under ./data on a bare environment', () => {
    expect(optionsOf({})).toEqual({ dataDir: './data', simulatorPort: 3100, logLevel: 'info', realTelnyx: false });
  });

  it('uses the simulator settings when no Telnyx key is set', () => {
    expect(optionsOf({ TELNYX_SIM_PORT: '0', TELNYX_SIM_API_KEY: 'KEY_local', DATA_DIR: '/tmp/voice' })).toEqual({
      dataDir: '/tmp/voice',
      simulatorPort: 0,
      simulatorApiKey: 'KEY_local',
      logLevel: 'info',
      realTelnyx: false,
    });
  });

  it('starts no simulator when a Telnyx API key is set', () => {
    expect(optionsOf({ TELNYX_API_KEY: 'KEY_live' }).realTelnyx).toBe(true);
  });

  it.each(['-1', '65536', 'abc', '3.5'])('rejects TELNYX_SIM_PORT=%s with a message naming the variable', (port) => {
    const result = readLauncherOptions({ TELNYX_SIM_PORT: port });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toContain('TELNYX_SIM_PORT');
  });
});
