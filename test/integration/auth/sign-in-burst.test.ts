import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSRF_HEADER } from '@curbe-voice/backend';
import { DEMO_PASSWORD, startDemoBackend, type DemoBackend } from '../../support/demo-backend';

/** Guesses sent all at once count as many guesses: the sign-in limit holds under concurrency. */
let backend: DemoBackend;
beforeAll(async () => {
  backend = await startDemoBackend();
});
afterAll(async () => {
  await backend?.close();
});

const LIMIT = 5;
const BURST = 40;

const login = (email: string, password: string) =>
  backend.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    headers: { [CSRF_HEADER]: '1' },
    payload: { email, password },
  });

describe('a burst of sign-in guesses', () => {
  it('checks at most the limit of 40 parallel wrong guesses and refuses the rest with 429', async () => {
    const answers = await Promise.all(
      Array.from({ length: BURST }, (_, i) => login('ben@demo.curbe.test', `guess-${i}`)),
    );
    const codes = answers.map((answer) => answer.statusCode);
    expect(codes.filter((code) => code === 401)).toHaveLength(LIMIT);
    expect(codes.filter((code) => code === 429)).toHaveLength(BURST - LIMIT);
    for (const refused of answers.filter((answer) => answer.statusCode === 429))
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('does not sign in with the right password hidden in a burst beyond the limit', async () => {
    const guesses = Array.from({ length: BURST }, (_, i) => (i === BURST - 1 ? DEMO_PASSWORD : `guess-${i}`));
    const answers = await Promise.all(guesses.map((password) => login('audit@demo.curbe.test', password)));
    expect(answers.map((answer) => answer.statusCode)).not.toContain(200);
    expect(answers.flatMap((answer) => answer.cookies)).toEqual([]);
  });
});
