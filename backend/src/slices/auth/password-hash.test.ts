import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './password-hash';

describe('password hashes', () => {
  it('verifies the right password and refuses a wrong one, with a fresh salt each time', async () => {
    const first = await hashPassword('correct horse');
    const second = await hashPassword('correct horse');
    expect(first).toMatch(/^\$scrypt\$ln=15,r=8,p=1\$/);
    expect(first).not.toBe(second);
    expect(first).not.toContain('correct horse');
    expect(await verifyPassword('correct horse', first)).toBe(true);
    expect(await verifyPassword('correct horse', second)).toBe(true);
    expect(await verifyPassword('correct hors', first)).toBe(false);
  });

  it('treats a malformed or weakened hash as a mismatch instead of failing', async () => {
    expect(await verifyPassword('x', 'plain-text')).toBe(false);
    const weak = (await hashPassword('x')).replace('ln=15', 'ln=2');
    expect(await verifyPassword('x', weak)).toBe(false);
  });
});
