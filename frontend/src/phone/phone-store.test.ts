// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import { ApiError } from '../api/http-client';
import type { VoiceServices } from './useVoiceConnection';
import { sdkError, tokenExpiringSoon } from './testing/fake-voice-client';
import { credentials, readyPhone, startPhone } from './testing/start-phone';

/**
 * The phone store's connection as the agent sees it (the badge in the header), driven through the
 * web phone's composables on a stand-in for the Telnyx SDK client; the browser tests run the real one.
 */

const CUSTOMER = '+13125550199';

afterEach(() => {
  vi.useRealTimers();
});

describe('connecting the phone', () => {
  it('connects with the backend token and is ready once the SDK says so', async () => {
    const { actions, phone, client, services } = startPhone();
    const connecting = actions.connect();
    expect(phone.connection).toBe('connecting');
    await connecting;
    expect(services.createClient).toHaveBeenCalledWith(expect.objectContaining({ token: 'token-1' }));
    expect(client.connected).toBe(true);
    expect(phone.connection).toBe('connecting');

    client.emit('telnyx.ready');
    await flushPromises();
    expect(phone.connection).toBe('ready');
    expect(phone.isReady).toBe(true);
    expect(phone.microphones).toEqual([
      { id: 'mic-1', label: 'Desk microphone' },
      { id: 'mic-2', label: 'Microphone 2' },
    ]);
    expect(phone.speakers).toEqual([{ id: 'spk-1', label: 'Headset' }]);
  });

  it('says the phone service is not activated when the backend answers 409', async () => {
    const { actions, phone, services } = startPhone(
      vi.fn(async () => Promise.reject(new ApiError(409, 'Not activated'))),
    );
    await actions.connect();
    expect(phone.connection).toBe('not_activated');
    expect(phone.connectionMessage).toBe('Phone service is not activated yet.');
    expect(services.createClient).not.toHaveBeenCalled();
  });

  it('shows the backend’s own words when the token cannot be had', async () => {
    const { actions, phone } = startPhone(
      vi.fn(async () => Promise.reject(new ApiError(503, 'Telnyx is unavailable right now.'))),
    );
    await actions.connect();
    expect(phone.connection).toBe('error');
    expect(phone.connectionMessage).toBe('Telnyx is unavailable right now.');
  });

  it('gives up waiting for the voice service after 15 seconds', async () => {
    vi.useFakeTimers();
    const { actions, phone } = startPhone();
    await actions.connect();
    vi.advanceTimersByTime(14_999);
    expect(phone.connection).toBe('connecting');
    vi.advanceTimersByTime(1);
    expect(phone.connection).toBe('error');
    expect(phone.connectionMessage).toBe('The voice service did not answer. Try reconnecting.');
  });

  it('reports a connection error from the SDK as disconnected, and an error about one call beside the call', async () => {
    const { phone, client } = await readyPhone();
    client.emit('telnyx.error', sdkError(44001, 'Failed to hold the call', 'call-9'));
    expect(phone.connection).toBe('ready');
    expect(phone.error).toBe('Failed to hold the call');

    client.emit('telnyx.error', sdkError(46001, 'Authentication failed'));
    expect(phone.connection).toBe('error');
    expect(phone.connectionMessage).toBe('Authentication failed');
  });

  it('says it is reconnecting when the socket drops, and offline when the computer is', async () => {
    const { phone, client } = await readyPhone();
    client.emit('telnyx.socket.close');
    expect(phone.connection).toBe('reconnecting');

    window.dispatchEvent(new Event('offline'));
    expect(phone.connection).toBe('offline');
    expect(phone.connectionMessage).toBe('This computer is offline.');
    window.dispatchEvent(new Event('online'));
    expect(phone.connection).toBe('reconnecting');
    client.emit('telnyx.ready');
    expect(phone.connection).toBe('ready');
  });

  it('disconnects on sign-out without calling it a lost connection', async () => {
    const { actions, phone, client } = await readyPhone();
    await actions.disconnect();
    expect(client.disconnected).toBe(true);
    expect(phone.connection).toBe('idle');
    client.emit('telnyx.socket.close');
    expect(phone.connection).toBe('idle');
  });
});

describe('keeping the login token fresh', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });

  it('logs in again with a new token two minutes before the old one expires, leaving the call alone', async () => {
    const fetchCredentials = vi.fn<VoiceServices['fetchCredentials']>(async () => credentials('token-1', 10 * 60_000));
    const { actions, phone, client } = startPhone(fetchCredentials);
    await actions.connect();
    client.emit('telnyx.ready');
    await actions.dial(CUSTOMER);
    client.placed[0]!.setState('active');

    fetchCredentials.mockImplementation(async () => credentials('token-2', 10 * 60_000));
    await vi.advanceTimersByTimeAsync(8 * 60_000 - 1);
    expect(client.logins).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(client.logins).toEqual(['token-2']);
    expect(phone.currentCall?.phase).toBe('active');
    expect(phone.connection).toBe('ready');
  });

  it('refreshes at once on the SDK’s “expiring soon” warning only when our token is close to expiry', async () => {
    const fetchCredentials = vi.fn<VoiceServices['fetchCredentials']>(async () =>
      credentials('long-lived', 30 * 24 * 3_600_000),
    );
    const { actions, client } = startPhone(fetchCredentials);
    await actions.connect();
    client.emit('telnyx.ready');
    client.emit('telnyx.warning', tokenExpiringSoon());
    await vi.advanceTimersByTimeAsync(0);
    expect(client.logins).toEqual([]);
  });

  it('retries a failed refresh after two seconds', async () => {
    const fetchCredentials = vi.fn<VoiceServices['fetchCredentials']>(async () => credentials('token-1', 5 * 60_000));
    const { actions, client } = startPhone(fetchCredentials);
    await actions.connect();
    client.emit('telnyx.ready');
    fetchCredentials.mockImplementationOnce(async () =>
      Promise.reject(new ApiError(0, 'The server cannot be reached.')),
    );
    fetchCredentials.mockImplementation(async () => credentials('token-2', 5 * 60_000));
    client.emit('telnyx.warning', tokenExpiringSoon());
    await vi.advanceTimersByTimeAsync(0);
    expect(client.logins).toEqual([]);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(client.logins).toEqual(['token-2']);
  });
});
