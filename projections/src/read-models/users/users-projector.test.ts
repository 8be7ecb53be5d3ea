import { describe, expect, it } from 'vitest';
import { projectorTestDatabase } from '../../testing/projector-test-database';
import { readModelBackends } from '../../testing/read-model-backends';
import { recordedEvent } from '../../testing/test-events';
import { UserLoginViewEntity } from './user-login-view.entity';
import { usersProjector } from './users-projector';

describe.each(readModelBackends())('users read model ($name)', (backend) => {
  const db = projectorTestDatabase(backend, usersProjector);

  it('finds a member by email with their account, role and latest password hash', async () => {
    await db.project([
      recordedEvent('account-a', 'AccountRegistered', { accountId: 'a', name: 'Acme' }),
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
      recordedEvent('user-u1', 'PasswordSet', { userId: 'u1', passwordHash: '$scrypt$first' }),
      recordedEvent('user-u1', 'PasswordSet', { userId: 'u1', passwordHash: '$scrypt$second' }),
      recordedEvent('user-nobody', 'PasswordSet', { userId: 'nobody', passwordHash: '$scrypt$orphan' }),
    ]);
    const em = db.em();
    expect(await em.findOne(UserLoginViewEntity, { email: 'ana@x.test' })).toMatchObject({
      userId: 'u1',
      accountId: 'a',
      role: 'agent',
      displayName: 'Ana',
      passwordHash: '$scrypt$second',
    });
    expect(await em.findOne(UserLoginViewEntity, { email: 'aud@x.test' })).toMatchObject({
      role: 'auditor',
      passwordHash: null,
    });
    expect(await em.count(UserLoginViewEntity, {})).toBe(2);
  });

  it('gives a platform operator a login row with no agency, and ends their sessions on sign-out', async () => {
    await db.project([
      recordedEvent('platform-operators', 'PlatformOperatorAdded', {
        userId: 'op1',
        email: 'ops@platform.test',
        displayName: 'Olive Ops',
      }),
      recordedEvent('user-op1', 'PasswordSet', { userId: 'op1', passwordHash: '$scrypt$op' }),
      recordedEvent('user-op1', 'SignedOut', { userId: 'op1' }),
    ]);
    expect(await db.em().findOne(UserLoginViewEntity, { email: 'ops@platform.test' })).toMatchObject({
      userId: 'op1',
      accountId: null,
      role: 'operator',
      displayName: 'Olive Ops',
      passwordHash: '$scrypt$op',
      sessionVersion: 1,
    });
  });

  it('follows role changes and disabling, each ending the member’s sessions', async () => {
    const member = { accountId: 'a', userId: 'u1' };
    await db.project([
      recordedEvent('account-a', 'AgentAdded', { ...member, email: 'ana@x.test', displayName: 'Ana', role: 'agent' }),
      recordedEvent('account-a', 'MemberRoleChanged', {
        ...member,
        role: 'auditor',
        previousRole: 'agent',
        credentialId: null,
      }),
    ]);
    const row = () => db.em().findOneOrFail(UserLoginViewEntity, { userId: 'u1' });
    expect(await row()).toMatchObject({ role: 'auditor', sessionVersion: 1, disabled: false });
    await db.project([recordedEvent('account-a', 'MemberDisabled', member)]);
    expect(await row()).toMatchObject({ disabled: true, sessionVersion: 2 });
    await db.project([recordedEvent('account-a', 'MemberEnabled', member)]);
    expect(await row()).toMatchObject({ disabled: false, sessionVersion: 2 });
  });
});
