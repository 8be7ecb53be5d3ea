import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { numberStreamName, type SealedSecret } from '@curbe-voice/contracts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createNumbersFixture, type NumbersFixture } from '../../support/numbers-fixture';
import { runAuditCli } from '@curbe-voice/backend';
import { type AccountSetupAt, type AccountVerification, type AuditEntry } from '@curbe-voice/backend/testing';

let fx: NumbersFixture;
let phoneNumber: string;
/** occurredAt of each step of the number's story. */
let steps: Record<'ordered' | 'assigned' | 'unassigned' | 'released', string>;

/** Waits for the clock to move on, so that each step has its own occurredAt millisecond. */
async function nextMillisecond(): Promise<void> {
  const now = Date.now();
  while (Date.now() === now) await new Promise((resolve) => setImmediate(resolve));
}

beforeEach(async () => {
  fx = await createNumbersFixture();
  await fx.activate();
  const base = `/api/accounts/${fx.account.accountId}/numbers`;
  const search = await fx.app.inject({
    method: 'GET',
    url: `${base}/available?area_code=617&limit=1`,
    headers: fx.as(fx.ada),
  });
  phoneNumber = search.json<{ phoneNumber: string }[]>()[0]!.phoneNumber;
  const headers = fx.as(fx.ada);
  await nextMillisecond();
  expect(
    (await fx.app.inject({ method: 'POST', url: base, headers, payload: { phone_number: phoneNumber } })).statusCode,
  ).toBe(201);
  await fx.delivered(phoneNumber);
  await nextMillisecond();
  await fx.app.inject({ method: 'PUT', url: `${base}/${phoneNumber}/agent`, headers, payload: { agent_id: fx.ana } });
  await nextMillisecond();
  await fx.app.inject({ method: 'DELETE', url: `${base}/${phoneNumber}/agent`, headers });
  await nextMillisecond();
  expect((await fx.app.inject({ method: 'DELETE', url: `${base}/${phoneNumber}`, headers })).statusCode).toBe(200);
  const story = await fx.store.readStream(numberStreamName(phoneNumber));
  const at = (type: string) => story.find((e) => e.type === type)!.metadata.occurredAt;
  steps = {
    ordered: at('NumberOrderPlaced'),
    assigned: at('NumberAssignedToAgent'),
    unassigned: at('NumberUnassignedFromAgent'),
    released: at('NumberReleased'),
  };
});
afterEach(async () => {
  await fx.close();
});

/** Audrey, the demo account's auditor, signed in. */
const auditor = () => fx.as(fx.audrey);
const auditUrl = (path: string) => `/api/audit/accounts/${fx.account.accountId}/${path}`;

async function stateAt(at: string): Promise<AccountSetupAt> {
  const response = await fx.app.inject({
    method: 'GET',
    headers: auditor(),
    url: auditUrl(`state?at=${encodeURIComponent(at)}`),
  });
  expect(response.statusCode).toBe(200);
  return response.json();
}

const millisecondBefore = (iso: string) => new Date(Date.parse(iso) - 1).toISOString();

describe('audit trail', () => {
  it('lists every event of the account’s streams in global order, with who/when/why, and no secret', async () => {
    const response = await fx.app.inject({ method: 'GET', headers: auditor(), url: auditUrl('events') });
    expect(response.statusCode).toBe(200);
    const entries = response.json<AuditEntry[]>();
    const positions = entries.map((e) => BigInt(e.position.split('/')[0]!));
    expect(positions).toEqual([...positions].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(new Set(entries.map((e) => e.stream))).toEqual(
      new Set([`account-${fx.account.accountId}`, `agent-${fx.ana}`, `agent-${fx.ben}`, numberStreamName(phoneNumber)]),
    );
    expect(entries.map((e) => e.type)).toEqual(
      expect.arrayContaining([
        'AccountRegistered',
        'AgentAdded',
        'TexmlApplicationCreated',
        'TelephonyCredentialCreated',
        'NumberOrdered',
        'NumberReleased',
      ]),
    );
    expect(entries.find((e) => e.type === 'NumberAssignedToAgent')).toMatchObject({
      stream: numberStreamName(phoneNumber),
      revision: 3,
      actor: `user:${fx.ada}`,
      occurredAt: steps.assigned,
      correlationId: expect.any(String),
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
      data: { accountId: fx.account.accountId, phoneNumber, agentId: fx.ana },
    });

    const body = response.body;
    const sealed = (await fx.store.readAll())
      .flatMap((e) => Object.values(e.data as Record<string, unknown>))
      .filter((v): v is SealedSecret => typeof v === 'object' && v !== null && 'ciphertext' in v);
    expect(sealed.length).toBeGreaterThanOrEqual(3); // the account's API key and two SIP passwords
    for (const secret of sealed) {
      expect(body).not.toContain(secret.ciphertext);
      expect(body).not.toContain(fx.secretBox.open(secret));
    }
    expect(body).not.toContain(fx.accounts.openApiKey(fx.account));
    expect(body).not.toMatch(/"ciphertext"|"iv"|"keyId"/);
    const registered = entries.find((e) => e.type === 'AccountRegistered')!;
    expect(registered.data).toMatchObject({ apiKey: '[redacted]', name: 'Demo Insurance' });
    expect(entries.find((e) => e.type === 'TelephonyCredentialCreated')!.data).toMatchObject({
      sipPassword: '[redacted]',
      sipUsername: expect.any(String),
    });
  });

  it('rebuilds the setup as it was at any moment between two steps', async () => {
    const assigned = await stateAt(steps.assigned);
    expect(assigned.setup!.activation).toMatchObject({ status: 'completed', texmlApplicationId: expect.any(String) });
    expect(assigned.setup!.numbers).toEqual([
      expect.objectContaining({
        phoneNumber,
        status: 'active',
        agentId: fx.ana,
        texmlApplicationId: assigned.setup!.activation.texmlApplicationId,
      }),
    ]);
    const agents = Object.fromEntries(assigned.setup!.agents.map((a) => [a.userId, a]));
    expect(agents[fx.ana]!.sipUsername).toEqual(expect.any(String));
    expect(agents[fx.audrey]).toMatchObject({ role: 'auditor', sipUsername: null });

    const unassigned = await stateAt(millisecondBefore(steps.released));
    expect(unassigned.setup!.numbers).toEqual([
      expect.objectContaining({ phoneNumber, status: 'active', agentId: null }),
    ]);
    expect(unassigned.eventsApplied).toBe(assigned.eventsApplied + 1);

    expect((await stateAt(millisecondBefore(steps.ordered))).setup!.numbers).toEqual([]);
    expect((await stateAt(new Date().toISOString())).setup!.numbers).toEqual([
      expect.objectContaining({ status: 'released', agentId: null }),
    ]);
    expect(await stateAt('2000-01-01T00:00:00Z')).toMatchObject({ eventsApplied: 0, setup: null });

    expect(
      (await fx.app.inject({ method: 'GET', headers: auditor(), url: auditUrl('state?at=yesterday') })).statusCode,
    ).toBe(400);
    expect(
      (await fx.app.inject({ method: 'GET', headers: auditor(), url: '/api/audit/accounts/no-such-account/state' }))
        .statusCode,
    ).toBe(403);
  });

  it('verifies every stream’s hash chain and pins a tampered row to its stream and revision (HTTP and CLI)', async () => {
    const intact = (
      await fx.app.inject({ method: 'GET', headers: auditor(), url: auditUrl('verify') })
    ).json<AccountVerification>();
    expect(intact.intact).toBe(true);
    expect(intact.streams.map((s) => s.stream)).toContain(numberStreamName(phoneNumber));
    expect(intact.streams.every((s) => s.intact && s.events > 0)).toBe(true);
    const env = { DATA_DIR: fx.dir };
    const lines: string[] = [];
    const output = { out: (text: string) => lines.push(text), err: (text: string) => lines.push(text) };
    expect(await runAuditCli(['verify', fx.account.accountId], env, output)).toBe(0);
    expect(lines.join('\n')).toContain('INTACT');

    // Someone with access to the database file gives the number to Ben after the fact.
    const db = new Database(fx.eventsFile);
    db.prepare("UPDATE events SET data = json_set(data, '$.agentId', ?) WHERE stream_name = ? AND revision = 3").run(
      fx.ben,
      numberStreamName(phoneNumber),
    );
    db.close();

    const broken = (
      await fx.app.inject({ method: 'GET', headers: auditor(), url: auditUrl('verify') })
    ).json<AccountVerification>();
    expect(broken.intact).toBe(false);
    expect(broken.streams.filter((s) => !s.intact)).toEqual([
      expect.objectContaining({
        stream: numberStreamName(phoneNumber),
        firstBrokenRevision: 3,
        reason: expect.stringMatching(/altered/),
      }),
    ]);

    lines.length = 0;
    expect(await runAuditCli(['verify', fx.account.accountId], env, output)).toBe(1);
    expect(lines.join('\n')).toContain(`BROKEN  ${numberStreamName(phoneNumber)} at revision 3`);
    lines.length = 0;
    expect(await runAuditCli(['replay', fx.account.accountId, '--at', steps.unassigned], env, output)).toBe(0);
    expect(lines.join('\n')).toMatch(new RegExp(`${phoneNumber.replace('+', '\\+')} active, app \\S+, agent -`));
    expect(await runAuditCli(['replay'], env, output)).toBe(2);
    expect(await runAuditCli(['verify', 'no-such-account'], env, output)).toBe(2);
  });

  it('runs as `npm run audit` and exits 1 on a broken chain', async () => {
    const db = new Database(fx.eventsFile);
    db.prepare(
      "UPDATE events SET metadata = json_set(metadata, '$.actor', 'user:someone-else') WHERE stream_name = ? AND revision = 0",
    ).run(`account-${fx.account.accountId}`);
    db.close();
    const root = fileURLToPath(new URL('../../..', import.meta.url));
    const run = promisify(execFile)('npm', ['run', '--silent', 'audit', '--', 'verify', fx.account.accountId], {
      cwd: root,
      env: { ...process.env, DATA_DIR: fx.dir },
    });
    const failure = (await run.then(
      () => undefined,
      (error: unknown) => error,
    )) as { code: number; stdout: string } | undefined;
    expect(failure?.code).toBe(1);
    expect(failure?.stdout).toContain(`BROKEN  account-${fx.account.accountId} at revision 0`);
  });
});
