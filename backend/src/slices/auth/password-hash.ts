import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Password hashing with scrypt (memory-hard): N = 2^15, r = 8, p = 1 (32 MiB per hash), a random
 * 16-byte salt per hash, a 32-byte key. Stored as `$scrypt$ln=15,r=8,p=1$<salt>$<key>` (base64) so
 * that the parameters can be raised later without breaking existing hashes.
 */

const PARAMS = { ln: 15, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;
const SALT_LENGTH = 16;
const FORMAT = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/]+={0,2})\$([A-Za-z0-9+/]+={0,2})$/;

function derive(password: string, salt: Buffer, ln: number, r: number, p: number, keyLength: number): Promise<Buffer> {
  const N = 2 ** ln;
  // Node refuses more than 32 MiB by default; scrypt needs 128·N·r bytes plus some headroom.
  const options: ScryptOptions = { N, r, p, maxmem: 128 * N * r * p + 16 * 1024 * 1024 };
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, keyLength, options, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_LENGTH);
  const key = await derive(password, salt, PARAMS.ln, PARAMS.r, PARAMS.p, KEY_LENGTH);
  return `$scrypt$ln=${PARAMS.ln},r=${PARAMS.r},p=${PARAMS.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

/** True when `password` produced `hash`; false for a wrong password or a hash this code cannot read. */
export async function verifyPassword(password: string, hash: string): Promise<boolean> {
  const match = FORMAT.exec(hash);
  if (!match) return false;
  const [ln, r, p] = [Number(match[1]), Number(match[2]), Number(match[3])];
  // Stored hashes are ours, but bounds keep a corrupt one from asking for gigabytes.
  if (ln < 10 || ln > 20 || r < 1 || r > 32 || p < 1 || p > 16) return false;
  const salt = Buffer.from(match[4]!, 'base64');
  const expected = Buffer.from(match[5]!, 'base64');
  if (expected.length < 16) return false;
  const actual = await derive(password, salt, ln, r, p, expected.length);
  return timingSafeEqual(actual, expected);
}

/**
 * A hash of a random password that nobody knows. Verifying against it when an email is unknown makes
 * an unknown email cost as much time as a wrong password, so timing does not tell which one it was.
 */
let unknownUser: Promise<string> | undefined;
export const unknownUserHash = (): Promise<string> =>
  (unknownUser ??= hashPassword(randomBytes(24).toString('base64')));
