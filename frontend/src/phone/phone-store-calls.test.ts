// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FakeAudioContext } from './testing/fake-audio-context';
import { readyPhone, startPhone } from './testing/start-phone';

/**
 * The phone store's calls as the agent sees them, driven through the web phone's composables on a
 * stand-in for the Telnyx SDK client; the browser tests run the real one.
 */

const CUSTOMER = '+13125550199';
const CALLER = '+13055550123';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('calling out', () => {
  it('dials without choosing a caller number (the backend shows the agent’s own), rings, connects, mutes, holds, sends tones and hangs up', async () => {
    const { actions, phone, client } = await readyPhone();
    await actions.dial(CUSTOMER);
    const call = client.placed[0]!;
    expect(call.options).toMatchObject({
      destinationNumber: CUSTOMER,
      callerName: 'Ana Agent',
      audio: true,
      video: false,
    });
    expect(call.options).not.toHaveProperty('callerNumber');
    expect(phone.currentCall).toMatchObject({
      direction: 'outbound',
      phase: 'dialing',
      remoteNumber: CUSTOMER,
      answeredAt: null,
    });
    expect(phone.inCall).toBe(true);

    call.setState('ringing');
    expect(phone.currentCall?.phase).toBe('dialing');
    call.setState('active');
    expect(phone.currentCall?.phase).toBe('active');
    expect(phone.currentCall?.answeredAt).toEqual(expect.any(Number));

    actions.toggleMute();
    expect(phone.currentCall?.muted).toBe(true);
    actions.toggleMute();
    expect(phone.currentCall?.muted).toBe(false);

    await actions.hold();
    expect(phone.currentCall?.phase).toBe('held');
    await actions.unhold();
    expect(phone.currentCall?.phase).toBe('active');

    actions.sendDtmf('1');
    actions.sendDtmf('#');
    expect(call.tones).toEqual(['1', '#']);

    await actions.hangup();
    expect(phone.currentCall).toBeNull();
    expect(phone.inCall).toBe(false);
    expect(phone.lastEndedCall).toMatchObject({ remoteNumber: CUSTOMER, phase: 'ended', endReason: null });
  });

  it('says why an unanswered call ended', async () => {
    const { actions, phone, client } = await readyPhone();
    await actions.dial(CUSTOMER);
    client.placed[0]!.endRemotely('USER_BUSY');
    expect(phone.currentCall).toBeNull();
    expect(phone.lastEndedCall?.endReason).toBe('Busy');
  });

  it('refuses to dial before the phone is ready or during a call', async () => {
    const { actions, phone, client } = startPhone();
    await actions.dial(CUSTOMER);
    expect(phone.error).toBe('The phone is not connected yet.');

    await actions.connect();
    client.emit('telnyx.ready');
    await actions.dial(CUSTOMER);
    expect(phone.error).toBeNull();
    await actions.dial('+13125550100');
    expect(phone.error).toBe('Hang up the current call first.');
    expect(client.placed).toHaveLength(1);
  });

  it('asks for the microphone and explains how to allow it when the browser refuses', async () => {
    const { actions, phone, client } = await readyPhone();
    client.microphoneAllowed = false;
    await actions.dial(CUSTOMER);
    expect(client.placed).toHaveLength(0);
    expect(phone.currentCall).toBeNull();
    expect(phone.microphoneAllowed).toBe(false);
    expect(phone.error).toContain('Allow microphone access');
  });

  it('moves a call in progress to the microphone the agent picks', async () => {
    const { actions, phone, client } = await readyPhone();
    await actions.dial(CUSTOMER);
    client.placed[0]!.setState('active');
    await actions.selectMicrophone('mic-2');
    expect(phone.microphoneId).toBe('mic-2');
    expect(client.placed[0]!.microphoneId).toBe('mic-2');
  });
});

describe('taking calls', () => {
  it('shows a ringing inbound call with the caller’s name and number', async () => {
    const { phone, client } = await readyPhone();
    client.ring(CALLER, 'Maria Lopez');
    expect(phone.incomingCall).toMatchObject({
      direction: 'inbound',
      phase: 'ringing',
      remoteNumber: CALLER,
      remoteName: 'Maria Lopez',
    });
    expect(phone.currentCall).toBeNull();
  });

  it('answers: the ringing call becomes the current call and is active once the media flows', async () => {
    const { actions, phone, client } = await readyPhone();
    const call = client.ring(CALLER);
    await actions.answer();
    expect(call.answered).toBe(true);
    expect(phone.incomingCall).toBeNull();
    expect(phone.currentCall).toMatchObject({ id: call.id, phase: 'connecting', remoteNumber: CALLER });
    call.setState('active');
    expect(phone.currentCall?.phase).toBe('active');
    expect(phone.currentCall?.answeredAt).toEqual(expect.any(Number));

    call.endRemotely('NORMAL_CLEARING');
    expect(phone.currentCall).toBeNull();
    expect(phone.lastEndedCall).toMatchObject({ id: call.id, endReason: null });
  });

  it('rejects: the call is declined and the dialog goes', async () => {
    const { actions, phone, client } = await readyPhone();
    const call = client.ring(CALLER);
    await actions.reject();
    expect(call.cause).toBe('USER_BUSY');
    expect(phone.incomingCall).toBeNull();
    expect(phone.currentCall).toBeNull();
  });

  it('stops ringing when the caller gives up', async () => {
    const { phone, client } = await readyPhone();
    const call = client.ring(CALLER);
    await vi.waitFor(() => expect(phone.soundBlocked).toBe(true));
    call.endRemotely('ORIGINATOR_CANCEL');
    expect(phone.incomingCall).toBeNull();
    expect(phone.soundBlocked).toBe(false);
    expect(phone.lastEndedCall?.remoteNumber).toBe(CALLER);
  });

  it('answering during a call hangs the first one up', async () => {
    const { actions, phone, client } = await readyPhone();
    await actions.dial(CUSTOMER);
    const first = client.placed[0]!;
    first.setState('active');
    const second = client.ring(CALLER);
    await actions.answer();
    expect(first.state).toBe('destroy');
    expect(phone.currentCall?.id).toBe(second.id);
  });

  it('rings silently until the agent enables sound when the browser blocks autoplay', async () => {
    FakeAudioContext.reset();
    vi.stubGlobal('AudioContext', FakeAudioContext);
    const { actions, phone, client } = await readyPhone();
    client.ring(CALLER);
    await vi.waitFor(() => expect(phone.soundBlocked).toBe(true));

    // The dialog's button: a click, so the browser lets the sound start.
    FakeAudioContext.click();
    await actions.enableSound();
    expect(phone.soundBlocked).toBe(false);
    expect(FakeAudioContext.instances.at(-1)?.state).toBe('running');
  });
});
