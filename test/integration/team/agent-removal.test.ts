import Telnyx from 'telnyx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentStreamName, type AgentEventData } from '@curbe-voice/contracts';
import { createCallFixture, EVE_NUMBER, users, type CallFixture, type DemoUser } from '../../support/call-fixture';
import { DEMO_ACCOUNT_ID } from '@curbe-voice/backend';
import { AgentSecrets, AgentSecretsShredded } from '@curbe-voice/backend/testing';

/** The embedded backend with the simulator; the demo account is activated, Ana and Ben have SIP credentials. */
let fx: CallFixture;

beforeAll(async () => {
  fx = await createCallFixture();
}, 60_000);
afterAll(async () => {
  await fx?.close();
});

async function removeAgent(as: DemoUser, agentId: string, requestId?: string) {
  return fx.server.app.inject({
    method: 'DELETE',
    url: `/api/accounts/${DEMO_ACCOUNT_ID}/agents/${agentId}`,
    headers: { cookie: await fx.signIn(as), 'x-curbe-csrf': '1', ...(requestId ? { 'x-request-id': requestId } : {}) },
  });
}

async function bensCredential() {
  const [created] = await fx.server.deps.eventStore.readStream(agentStreamName(users.ben.userId));
  return created!.data as AgentEventData<'TelephonyCredentialCreated'>;
}

describe('DELETE /api/accounts/:id/agents/:agentId', () => {
  it('refuses auditors and agents, an agent who still holds numbers, and members who are not agents', async () => {
    expect((await removeAgent('audrey', users.ben.userId)).statusCode).toBe(403);
    expect((await removeAgent('ana', users.ben.userId)).statusCode).toBe(403);
    expect((await removeAgent('ana', users.ana.userId)).statusCode).toBe(403);
    expect((await removeAgent('ada', users.ada.userId)).statusCode).toBe(404);

    const eve = (await fx.server.deps.accounts.get(DEMO_ACCOUNT_ID))!.members.find(
      (m) => m.email === 'eve@demo.curbe.test',
    )!;
    const holding = await removeAgent('ada', eve.userId);
    expect(holding.statusCode).toBe(409);
    expect(holding.json()).toMatchObject({ numbers: [EVE_NUMBER] });
    expect((await removeAgent('ada', users.audrey.userId)).statusCode).toBe(404);
    expect((await removeAgent('ada', '00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    // Nothing was recorded for any of them.
    const history = await fx.server.deps.eventStore.readAll();
    expect(history.some((event) => event.type === 'AgentRemoved')).toBe(false);
  });

  it('removes an agent: the Telnyx credential is deleted, the stored SIP password can no longer be opened, and the audit shows it', async () => {
    const { deps } = fx.server;
    const credential = await bensCredential();
    // Sealed under Ben's own data key, and readable until he is removed.
    expect(credential.sipPassword.keyId).toBe(`agent:${users.ben.userId}`);
    const secrets = new AgentSecrets(deps.readModels, deps.secretBox);
    const account = (await deps.accounts.get(DEMO_ACCOUNT_ID))!;
    const accountClient = new Telnyx({
      apiKey: deps.accounts.openApiKey(account),
      baseURL: deps.telnyx.apiBaseUrl,
      maxRetries: 0,
    });
    const atTelnyx = await accountClient.telephonyCredentials.retrieve(credential.credentialId);
    expect(await secrets.open(credential.sipPassword)).toBe(atTelnyx.data!.sip_password);

    const requestId = `remove-ben-${Date.now()}`;
    const response = await removeAgent('ada', users.ben.userId, requestId);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      accountId: DEMO_ACCOUNT_ID,
      userId: users.ben.userId,
      email: users.ben.email,
      credentialId: credential.credentialId,
      secretsShredded: true,
    });

    await expect(accountClient.telephonyCredentials.retrieve(credential.credentialId)).rejects.toMatchObject({
      status: 404,
    });
    // The ciphertext is still in the (immutable) event, but its key is gone.
    expect((await bensCredential()).sipPassword).toEqual(credential.sipPassword);
    await expect(secrets.open(credential.sipPassword)).rejects.toThrow(AgentSecretsShredded);
    await expect(secrets.seal(users.ben.userId, 'new-password')).rejects.toThrow(AgentSecretsShredded);

    await fx.caughtUp();
    const audit = await fx.server.app.inject({
      method: 'GET',
      url: `/api/audit/accounts/${DEMO_ACCOUNT_ID}/events`,
      headers: { cookie: await fx.signIn('audrey') },
    });
    expect(audit.statusCode).toBe(200);
    expect(JSON.stringify(audit.json())).toContain('AgentRemoved');
    const removed = (await deps.eventStore.readAll()).find((event) => event.type === 'AgentRemoved')!;
    expect(removed.metadata).toMatchObject({ actor: `user:${users.ada.userId}`, correlationId: requestId });

    // Ben can no longer sign in, and removing him again finds nobody.
    await expect(fx.signIn('ben')).rejects.toThrow(/401/);
    expect((await removeAgent('ada', users.ben.userId)).statusCode).toBe(404);
  });
});
