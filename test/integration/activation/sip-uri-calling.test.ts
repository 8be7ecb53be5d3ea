import { accountStreamName } from '@curbe-voice/contracts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createActivationFixture, telnyxResources, type ActivationFixture } from '../../support/activation-fixture';

let fx: ActivationFixture;
beforeEach(async () => {
  fx = await createActivationFixture();
});
afterEach(async () => {
  await fx.close();
});

const accountEvents = async () => fx.store.readStream(accountStreamName(fx.account.accountId));

/** What Telnyx holds for the account's web phone connection. */
async function connectionAtTelnyx() {
  const { credentialConnections } = await telnyxResources(fx.accountClient);
  expect(credentialConnections).toHaveLength(1);
  return credentialConnections[0]!;
}

/** A connection as an earlier version left it: tagged and named for the account, SIP URI calling never set. */
async function leaveOldConnection() {
  const { accountId } = fx.account;
  await fx.accountClient.credentialConnections.create({
    connection_name: `curbe-${accountId}`,
    user_name: 'curbeoldconnection1',
    password: 'an-old-long-password',
    tags: [`curbe-account:${accountId}`],
  });
  expect((await connectionAtTelnyx()).sip_uri_calling_preference).toBe('disabled');
}

describe('SIP URI calling of the web phone connection', () => {
  it('is created internal, so the TeXML application can ring agents by SIP URI', async () => {
    expect((await fx.service().setupClientInfrastructure(fx.account, fx.accountApiKey)).outcome).toBe('completed');
    expect((await connectionAtTelnyx()).sip_uri_calling_preference).toBe('internal');
    const events = await accountEvents();
    expect(events.find((e) => e.type === 'CredentialConnectionCreated')!.data).toMatchObject({
      adopted: false,
      sipUriCallingPreference: 'internal',
    });
    expect(events.some((e) => e.type === 'SipUriCallingPreferenceSet')).toBe(false);
  });

  it('repairs an adopted connection left without it: set once at Telnyx, recorded once', async () => {
    await leaveOldConnection();
    expect((await fx.service().setupClientInfrastructure(fx.account, fx.accountApiKey)).outcome).toBe('completed');

    const connection = await connectionAtTelnyx();
    expect(connection.sip_uri_calling_preference).toBe('internal');
    const types = (await accountEvents()).map((e) => e.type);
    expect(types.filter((t) => t === 'SipUriCallingPreferenceSet')).toHaveLength(1);
    expect(types.indexOf('SipUriCallingPreferenceSet')).toBe(types.indexOf('CredentialConnectionCreated') + 1);
    const repaired = (await accountEvents()).find((e) => e.type === 'SipUriCallingPreferenceSet')!;
    expect(repaired.data).toEqual({
      accountId: fx.account.accountId,
      credentialConnectionId: connection.id,
      sipUriCallingPreference: 'internal',
    });

    // Repaired and active: another request changes nothing.
    const before = (await accountEvents()).length;
    expect((await fx.service().requestActivation(fx.account.accountId, { actor: 'system' })).outcome).toBe(
      'already_active',
    );
    expect(await accountEvents()).toHaveLength(before);
  });

  it('repeats the repair harmlessly after the process died between the PATCH and the event', async () => {
    await leaveOldConnection();
    const crash = new Error('process died');
    let seen = 0;
    // The first record of this step is the adoption; the second follows the PATCH.
    const crashing = fx.service({
      beforeRecord: (step) => {
        if (step === 'credential_connection' && ++seen === 2) throw crash;
      },
    });
    await expect(crashing.setupClientInfrastructure(fx.account, fx.accountApiKey)).rejects.toBe(crash);
    expect((await connectionAtTelnyx()).sip_uri_calling_preference).toBe('internal');
    expect((await accountEvents()).some((e) => e.type === 'SipUriCallingPreferenceSet')).toBe(false);

    const restarted = fx.service();
    expect(await restarted.resumeInterruptedActivations()).toEqual([fx.account.accountId]);
    await restarted.settled(fx.account.accountId);
    expect((await restarted.status(fx.account.accountId)).status).toBe('completed');
    const types = (await accountEvents()).map((e) => e.type);
    expect(types.filter((t) => t === 'SipUriCallingPreferenceSet')).toHaveLength(1);
    expect(types.filter((t) => t === 'CredentialConnectionCreated')).toHaveLength(1);
    expect((await connectionAtTelnyx()).sip_uri_calling_preference).toBe('internal');
  });
});
