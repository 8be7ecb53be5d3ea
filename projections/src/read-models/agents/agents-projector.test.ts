import { describe, expect, it } from 'vitest';
import { projectorTestDatabase } from '../../testing/projector-test-database';
import { readModelBackends } from '../../testing/read-model-backends';
import { recordedEvent } from '../../testing/test-events';
import { agentsProjector } from './agents-projector';
import { AgentViewEntity } from './agent-view.entity';

describe.each(readModelBackends())('agents read model ($name)', (backend) => {
  const db = projectorTestDatabase(backend, agentsProjector);

  it('lists members and gives agents their SIP username once provisioned, never the password', async () => {
    const sipPassword = { keyId: 'k1', iv: 'aXY=', ciphertext: 'c2VjcmV0', tag: 'dGFn' };
    await db.project([
      recordedEvent('account-a', 'AgentAdded', {
        accountId: 'a',
        userId: 'u1',
        email: 'ana@x.test',
        displayName: 'Ana',
        role: 'agent',
      }),
      recordedEvent('account-a', 'AgentAdded', {
        accountId: 'a',
        userId: 'u2',
        email: 'aud@x.test',
        displayName: 'Aud',
        role: 'auditor',
      }),
      recordedEvent('agent-u1', 'TelephonyCredentialCreated', {
        accountId: 'a',
        userId: 'u1',
        credentialId: 'cr1',
        sipUsername: 'gencred1',
        sipPassword,
      }),
    ]);
    const rows = await db.em().find(AgentViewEntity, { accountId: 'a' }, { orderBy: { email: 'asc' } });
    expect(rows.map((r) => [r.email, r.role, r.sipUsername, r.credentialId])).toEqual([
      ['ana@x.test', 'agent', 'gencred1', 'cr1'],
      ['aud@x.test', 'auditor', null, null],
    ]);
    expect(JSON.stringify(rows)).not.toContain(sipPassword.ciphertext);
    expect(Object.keys(rows[0]!)).not.toContain('sipPassword');
  });

  it('shows each member’s role and status as admins change them, and whether they set a password', async () => {
    const member = { accountId: 'a', userId: 'u1' };
    await db.project([
      recordedEvent('account-a', 'AgentAdded', { ...member, email: 'ana@x.test', displayName: 'Ana', role: 'agent' }),
      recordedEvent('account-a', 'AgentAdded', {
        accountId: 'a',
        userId: 'u2',
        email: 'ben@x.test',
        displayName: 'Ben',
        role: 'agent',
      }),
    ]);
    const row = (userId: string) => db.em().findOneOrFail(AgentViewEntity, { userId });
    expect(await row('u1')).toMatchObject({ role: 'agent', status: 'active', passwordSet: false });
    await db.project([
      recordedEvent('user-u1', 'PasswordSet', { userId: 'u1', passwordHash: '$scrypt$x' }),
      recordedEvent('account-a', 'MemberRoleChanged', {
        ...member,
        role: 'admin',
        previousRole: 'agent',
        credentialId: null,
      }),
      recordedEvent('account-a', 'MemberDisabled', member),
    ]);
    expect(await row('u1')).toMatchObject({ role: 'admin', status: 'disabled', passwordSet: true });
    expect(await row('u2')).toMatchObject({ role: 'agent', status: 'active', passwordSet: false });
    await db.project([recordedEvent('account-a', 'MemberEnabled', member)]);
    expect(await row('u1')).toMatchObject({ status: 'active' });
  });
});
