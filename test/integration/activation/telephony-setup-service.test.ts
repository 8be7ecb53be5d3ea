import { accountStreamName, agentStreamName, type ActivationStep, type SealedSecret } from '@curbe-voice/contracts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createActivationFixture,
  DEMO_NUMBERS,
  PUBLIC_URL,
  telnyxResources,
  type ActivationFixture,
} from '../../support/activation-fixture';
import { demoUserId } from '@curbe-voice/backend';

const ANA = demoUserId('ana@demo.curbe.test');
const BEN = demoUserId('ben@demo.curbe.test');

let fx: ActivationFixture;
beforeEach(async () => {
  fx = await createActivationFixture();
});
afterEach(async () => {
  await fx.close();
});

const types = async (stream: string) => (await fx.store.readStream(stream)).map((e) => e.type);

/** Exactly one of each resource, wired together as Telnyx requires; returns them. */
async function expectOneCompleteSetup() {
  const r = await telnyxResources(fx.accountClient);
  expect(r.outboundVoiceProfiles).toHaveLength(1);
  expect(r.texmlApplications).toHaveLength(1);
  expect(r.credentialConnections).toHaveLength(1);
  expect(r.telephonyCredentials).toHaveLength(2);
  const [profile] = r.outboundVoiceProfiles;
  const [app] = r.texmlApplications;
  const [connection] = r.credentialConnections;
  expect(r.phoneNumbers.map((n) => [n.phone_number, n.connection_id])).toEqual(
    DEMO_NUMBERS.map((e164) => [e164, app!.id]),
  );
  const status = await fx.service().status(fx.account.accountId);
  expect(status.status).toBe('completed');
  return { r, profile: profile!, app: app!, connection: connection! };
}

describe('activation against the simulator', () => {
  it('creates the five kinds of resource with the fields Telnyx requires, and the events tell the story', async () => {
    const outcome = await fx.service().setupClientInfrastructure(fx.account, fx.accountApiKey, { actor: 'user:admin' });
    expect(outcome.outcome).toBe('completed');

    const { r, profile, app, connection } = await expectOneCompleteSetup();
    const tag = `curbe-account:${fx.account.accountId}`;
    expect(profile).toMatchObject({
      daily_spend_limit: '25.00',
      daily_spend_limit_enabled: true,
      whitelisted_destinations: ['US'],
      tags: [tag],
    });
    expect(profile).not.toHaveProperty('usage_limit');
    expect(app).toMatchObject({
      voice_url: `${PUBLIC_URL}/webhooks/telnyx/inbound`,
      status_callback: `${PUBLIC_URL}/webhooks/telnyx/status`,
      outbound: { outbound_voice_profile_id: profile.id },
      tags: [tag],
    });
    expect(connection).toMatchObject({
      outbound: { call_parking_enabled: true, outbound_voice_profile_id: profile.id },
      webhook_api_version: 'texml',
      webhook_event_url: `${PUBLIC_URL}/webhooks/telnyx/outbound`,
      tags: [tag],
    });
    for (const credential of r.telephonyCredentials) expect(credential.resource_id).toContain(connection.id);

    expect(await types(accountStreamName(fx.account.accountId))).toEqual([
      'AccountRegistered',
      'AgentAdded',
      'AgentAdded',
      'AgentAdded',
      'AgentAdded',
      'ActivationRequested',
      'OutboundVoiceProfileCreated',
      'TexmlApplicationCreated',
      'CredentialConnectionCreated',
      'NumberAttached',
      'NumberAttached',
      'ActivationCompleted',
    ]);
    const accountEvents = await fx.store.readStream(accountStreamName(fx.account.accountId));
    const run = accountEvents.slice(5);
    expect(new Set(run.map((e) => e.metadata.correlationId)).size).toBe(1);
    expect(run.every((e) => e.metadata.actor === 'user:admin')).toBe(true);
    expect(accountEvents.find((e) => e.type === 'TexmlApplicationCreated')!.data).toMatchObject({
      texmlApplicationId: app.id,
      adopted: false,
    });

    // Each agent's SIP identity is on its own stream, the password sealed; the admin and the auditor get none.
    for (const userId of [ANA, BEN]) {
      const [created] = await fx.store.readStream(agentStreamName(userId));
      const data = created!.data as { credentialId: string; sipUsername: string; sipPassword: SealedSecret };
      const atTelnyx = r.telephonyCredentials.find((c) => c.id === data.credentialId)!;
      expect(data.sipUsername).toBe(atTelnyx.sip_username);
      expect(fx.secretBox.open(data.sipPassword)).toBe(atTelnyx.sip_password);
    }
    expect(await fx.store.readStream(agentStreamName(demoUserId('audit@demo.curbe.test')))).toEqual([]);
    expect(await fx.store.readStream(agentStreamName(demoUserId('admin@demo.curbe.test')))).toEqual([]);
  });

  const STEPS: { step: ActivationStep; operationId: string; event: string }[] = [
    { step: 'outbound_voice_profile', operationId: 'CreateVoiceProfile', event: 'OutboundVoiceProfileCreated' },
    { step: 'texml_application', operationId: 'CreateTexmlApplication', event: 'TexmlApplicationCreated' },
    { step: 'credential_connection', operationId: 'CreateCredentialConnection', event: 'CredentialConnectionCreated' },
    { step: 'agent_credentials', operationId: 'CreateTelephonyCredential', event: 'TelephonyCredentialCreated' },
    { step: 'number_attachment', operationId: 'UpdatePhoneNumber', event: 'NumberAttached' },
  ];

  /** The recorded event of a step (for agents: Ana's, the first to be provisioned). */
  async function stepEvent(event: string) {
    const stream =
      event === 'TelephonyCredentialCreated' ? agentStreamName(ANA) : accountStreamName(fx.account.accountId);
    return (await fx.store.readStream(stream)).find((e) => e.type === event)!;
  }

  describe.each(STEPS)('at step $step', ({ step, operationId, event }) => {
    it('adopts the resource Telnyx committed when its answer was lost (fail-after-commit)', async () => {
      await fx.injectFault({ operationId, failAfterCommit: true, status: 500, times: 1 });
      const outcome = await fx.service().setupClientInfrastructure(fx.account, fx.accountApiKey);
      expect(outcome.outcome).toBe('completed');
      await expectOneCompleteSetup();
      if (step !== 'number_attachment') expect((await stepEvent(event)).data).toMatchObject({ adopted: true });
    });

    it('resumes after the process died between Telnyx answering and the event being appended', async () => {
      const crash = new Error('process died');
      const crashing = fx.service({
        beforeRecord: (current) => {
          if (current === step) throw crash;
        },
      });
      await expect(crashing.setupClientInfrastructure(fx.account, fx.accountApiKey)).rejects.toBe(crash);
      expect((await fx.service().status(fx.account.accountId)).status).toBe('in_progress');

      // A restarted process finds the unfinished activation and resumes it.
      const restarted = fx.service();
      expect(await restarted.resumeInterruptedActivations()).toEqual([fx.account.accountId]);
      await restarted.settled(fx.account.accountId);
      await expectOneCompleteSetup();
      if (step !== 'number_attachment') expect((await stepEvent(event)).data).toMatchObject({ adopted: true });
      expect(await fx.service().resumeInterruptedActivations()).toEqual([]);
      const accountTypes = await types(accountStreamName(fx.account.accountId));
      expect(accountTypes.filter((t) => t === 'ActivationRequested')).toHaveLength(1);
      expect(accountTypes.filter((t) => t === 'NumberAttached')).toHaveLength(DEMO_NUMBERS.length);
    });

    it.each([
      { status: 503, retry_after: 0 },
      { status: 429, retry_after: 0.01 },
    ])('rides out a transient Telnyx $status', async (fault) => {
      await fx.injectFault({ operationId, ...fault, times: 1 });
      const outcome = await fx.service().setupClientInfrastructure(fx.account, fx.accountApiKey);
      expect(outcome.outcome).toBe('completed');
      await expectOneCompleteSetup();
    });
  });

  it('records a permanent Telnyx error as ActivationFailed, and a later request retries from that step', async () => {
    // A broken public URL makes Telnyx reject the TeXML application's voice_url (422).
    const misconfigured = fx.service({ publicUrl: 'not a url' });
    const failed = await misconfigured.setupClientInfrastructure(fx.account, fx.accountApiKey);
    expect(failed.outcome).toBe('failed');
    const [failure] = (await fx.store.readStream(accountStreamName(fx.account.accountId))).filter(
      (e) => e.type === 'ActivationFailed',
    );
    expect(failure!.data).toMatchObject({ step: 'texml_application', status: 422, attempt: 1, transient: false });
    expect((failure!.data as { errors: unknown[] }).errors.length).toBeGreaterThan(0);
    expect((await telnyxResources(fx.accountClient)).texmlApplications).toHaveLength(0);

    const retried = await fx.service().setupClientInfrastructure(fx.account, fx.accountApiKey);
    expect(retried.outcome).toBe('completed');
    await expectOneCompleteSetup();
    const accountTypes = await types(accountStreamName(fx.account.accountId));
    expect(accountTypes.filter((t) => t === 'OutboundVoiceProfileCreated')).toHaveLength(1);
    expect(accountTypes.slice(5)).toEqual([
      'ActivationRequested',
      'OutboundVoiceProfileCreated',
      'ActivationFailed',
      'ActivationRequested',
      'TexmlApplicationCreated',
      'CredentialConnectionCreated',
      'NumberAttached',
      'NumberAttached',
      'ActivationCompleted',
    ]);
  });

  it('gives up on a Telnyx outage with a transient ActivationFailed, and completes once Telnyx is back', async () => {
    await fx.injectFault({ operationId: 'CreateCredentialConnection', status: 503, retry_after: 0, times: 'always' });
    const failed = await fx.service().setupClientInfrastructure(fx.account, fx.accountApiKey);
    expect(failed).toMatchObject({
      outcome: 'failed',
      failure: { step: 'credential_connection', status: 503, transient: true },
    });
    await fx.clearFaults();
    expect((await fx.service().setupClientInfrastructure(fx.account, fx.accountApiKey)).outcome).toBe('completed');
    await expectOneCompleteSetup();
  });

  it('runs one activation when two instances are asked at the same time', async () => {
    const outcomes = await Promise.all([
      fx.service().setupClientInfrastructure(fx.account, fx.accountApiKey),
      fx.service().setupClientInfrastructure(fx.account, fx.accountApiKey),
    ]);
    const kinds = outcomes.map((o) => o.outcome).sort();
    expect(kinds[0]).toMatch(/^already_(in_progress|active)$/);
    expect(kinds[1]).toBe('completed');
    await expectOneCompleteSetup();
    expect(
      (await types(accountStreamName(fx.account.accountId))).filter((t) => t === 'ActivationRequested'),
    ).toHaveLength(1);
  });

  it('answers a request for an active account with "already active" and changes nothing', async () => {
    await fx.service().setupClientInfrastructure(fx.account, fx.accountApiKey);
    const before = await fx.store.readAll();
    expect((await fx.service().requestActivation(fx.account.accountId, { actor: 'system' })).outcome).toBe(
      'already_active',
    );
    expect(await fx.store.readAll()).toHaveLength(before.length);
  });

  it('gives an agent added after activation a SIP credential on the next request, reusing everything else', async () => {
    await fx.service().setupClientInfrastructure(fx.account, fx.accountApiKey);
    const cy = await fx.accounts.addMember(
      fx.account.accountId,
      { email: 'cy@demo.curbe.test', displayName: 'Cy', role: 'agent' },
      { actor: 'system' },
    );
    const result = await fx.service().requestActivation(fx.account.accountId, { actor: 'system' });
    expect(result.outcome).toBe('started');
    expect(await (result as { done: Promise<{ outcome: string }> }).done).toMatchObject({ outcome: 'completed' });
    const r = await telnyxResources(fx.accountClient);
    expect([
      r.outboundVoiceProfiles.length,
      r.texmlApplications.length,
      r.credentialConnections.length,
      r.telephonyCredentials.length,
    ]).toEqual([1, 1, 1, 3]);
    expect(await types(agentStreamName(cy.userId))).toEqual(['TelephonyCredentialCreated']);
  });

  it('never puts a SIP password, API key or key material in any event', async () => {
    await fx.service().setupClientInfrastructure(fx.account, fx.accountApiKey);
    const secrets = [
      fx.accountApiKey,
      fx.sim.rootApiKey,
      fx.keyMaterial,
      ...(await telnyxResources(fx.accountClient)).telephonyCredentials.map((c) => c.sip_password!),
    ];
    expect(secrets.every((s) => typeof s === 'string' && s.length >= 8)).toBe(true);
    const events = await fx.store.readAll();
    for (const event of events) {
      const text = JSON.stringify({ data: event.data, metadata: event.metadata });
      for (const secret of secrets) expect(text).not.toContain(secret);
      // Every field called like a secret is sealed (and opens with our key).
      walk(event.data, (key, value) => {
        if (/password|api_?key|secret/i.test(key)) {
          expect(value).toEqual(
            expect.objectContaining({ keyId: 'k1', iv: expect.any(String), tag: expect.any(String) }),
          );
          expect(() => fx.secretBox.open(value as SealedSecret)).not.toThrow();
        }
      });
    }
  });
});

function walk(value: unknown, visit: (key: string, value: unknown) => void): void {
  if (!value || typeof value !== 'object') return;
  for (const [key, child] of Object.entries(value)) {
    visit(key, child);
    walk(child, visit);
  }
}
