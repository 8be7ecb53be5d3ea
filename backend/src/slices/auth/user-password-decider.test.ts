import type { UserEvent } from '@curbe-voice/contracts';
import { describe, expect, it } from 'vitest';
import { deciderSpecification } from '../../platform/event-sourcing/decider-specification';
import {
  assertAcceptablePassword,
  PasswordChangedMeanwhile,
  PasswordLinkInvalid,
  PasswordRejected,
  userPasswordDecider,
} from './user-password-decider';

const spec = deciderSpecification(userPasswordDecider);
const set = (passwordHash: string): UserEvent => ({ type: 'PasswordSet', data: { userId: 'ana', passwordHash } });
const setPassword = (passwordHash: string, matchedHash: string | null = null) =>
  ({ type: 'SetPassword', userId: 'ana', passwordHash, matchedHash }) as const;

describe('user password decider', () => {
  it('sets a first password and a changed one', () => {
    spec
      .given([])
      .when(setPassword('$scrypt$new'))
      .then([set('$scrypt$new')]);
    spec
      .given([set('$scrypt$old')])
      .when(setPassword('$scrypt$new'))
      .then([set('$scrypt$new')]);
  });

  it('adds nothing when the password is the one already set', () => {
    spec
      .given([set('$scrypt$old'), set('$scrypt$current')])
      .when(setPassword('$scrypt$current', '$scrypt$current'))
      .thenNothing();
  });

  it('sets it again when the hash it matched is no longer the current one (changed meanwhile)', () => {
    spec
      .given([set('$scrypt$old'), set('$scrypt$other')])
      .when(setPassword('$scrypt$old', '$scrypt$old'))
      .then([set('$scrypt$old')]);
  });

  it('refuses passwords shorter than 8 or longer than 256 characters', () => {
    expect(() => assertAcceptablePassword('short')).toThrow(PasswordRejected);
    expect(() => assertAcceptablePassword('x'.repeat(257))).toThrow(/at most 256/);
    expect(() => assertAcceptablePassword('long enough')).not.toThrow();
  });

  describe('set-password links', () => {
    const HASH_A = 'a'.repeat(64);
    const HASH_B = 'b'.repeat(64);
    const issued = (tokenHash: string, expiresAt = '2026-12-06T12:00:00.000Z'): UserEvent => ({
      type: 'PasswordLinkIssued',
      data: { userId: 'ana', tokenHash, expiresAt },
    });
    const withLink = (tokenHash: string, now = '2026-12-03T12:00:00.000Z') =>
      ({ type: 'SetPasswordWithLink', userId: 'ana', tokenHash, passwordHash: '$scrypt$chosen', now }) as const;

    it('issues a link', () => {
      spec
        .given([])
        .when({ type: 'IssuePasswordLink', userId: 'ana', tokenHash: HASH_A, expiresAt: '2026-12-06T12:00:00.000Z' })
        .then([issued(HASH_A)]);
    });

    it('sets the password with the open link', () => {
      spec
        .given([issued(HASH_A)])
        .when(withLink(HASH_A))
        .then([set('$scrypt$chosen')]);
    });

    it('refuses a wrong, replaced, used or expired link alike', () => {
      spec.given([]).when(withLink(HASH_A)).thenThrows(PasswordLinkInvalid);
      spec
        .given([issued(HASH_A)])
        .when(withLink(HASH_B))
        .thenThrows(PasswordLinkInvalid);
      spec
        .given([issued(HASH_A), issued(HASH_B)])
        .when(withLink(HASH_A))
        .thenThrows(PasswordLinkInvalid);
      spec
        .given([issued(HASH_A), set('$scrypt$chosen')])
        .when(withLink(HASH_A))
        .thenThrows(PasswordLinkInvalid);
      spec
        .given([issued(HASH_A, '2026-12-03T12:00:00.000Z')])
        .when(withLink(HASH_A, '2026-12-03T12:00:00.000Z'))
        .thenThrows(PasswordLinkInvalid);
    });
  });

  describe('changing one’s own password', () => {
    const change = (verifiedHash: string) =>
      ({ type: 'ChangePassword', userId: 'ana', passwordHash: '$scrypt$new', verifiedHash }) as const;

    it('sets the new password when the one the member proved is still the current one', () => {
      spec
        .given([set('$scrypt$old'), set('$scrypt$current')])
        .when(change('$scrypt$current'))
        .then([set('$scrypt$new')]);
    });

    it('refuses when the password changed meanwhile, or none was ever set', () => {
      spec
        .given([set('$scrypt$old'), set('$scrypt$other')])
        .when(change('$scrypt$old'))
        .thenThrows(PasswordChangedMeanwhile);
      spec.given([]).when(change('$scrypt$old')).thenThrows(PasswordChangedMeanwhile);
    });
  });

  it('records a sign-out every time, whatever the password', () => {
    const signedOut: UserEvent = { type: 'SignedOut', data: { userId: 'ana' } };
    spec
      .given([set('$scrypt$current'), signedOut])
      .when({ type: 'SignOut', userId: 'ana' })
      .then([signedOut]);
  });
});
