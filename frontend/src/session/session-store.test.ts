import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { http } from '../api/http-client';
import { useSessionStore } from './session-store';

const ME = {
  user: { id: 'u1', email: 'ana@agency.test', displayName: 'Ana', role: 'agent' },
  account: { id: 'acc', name: 'Agency' },
};

function answer(status: number, body?: unknown): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });
}

describe('a session the backend ends', () => {
  beforeEach(() => setActivePinia(createPinia()));
  afterEach(() => vi.unstubAllGlobals());

  it('disconnects the phone and forgets the user on a 401, with a message for the sign-in page', async () => {
    const fetchMock = vi.fn<typeof fetch>().mockResolvedValueOnce(answer(200, ME));
    vi.stubGlobal('fetch', fetchMock);
    const session = useSessionStore();
    await session.restore();
    expect(session.isSignedIn).toBe(true);
    const disconnect = vi.fn();
    session.onEnded(disconnect);

    fetchMock.mockResolvedValueOnce(answer(401, { statusCode: 401, error: 'Unauthorized', message: 'Sign in first' }));
    await expect(http.get('/api/calls')).rejects.toMatchObject({ status: 401 });

    expect(disconnect).toHaveBeenCalledOnce();
    expect(session.isSignedIn).toBe(false);
    expect(session.endedMessage).toBe('Your session has ended. Sign in again.');
  });

  it('disconnects before signing out, and a wrong password at sign-in ends nothing', async () => {
    const fetchMock = vi.fn<typeof fetch>().mockResolvedValueOnce(answer(200, ME));
    vi.stubGlobal('fetch', fetchMock);
    const session = useSessionStore();
    await session.restore();
    const order: string[] = [];
    session.onEnded(() => void order.push('disconnect'));
    fetchMock.mockImplementationOnce(async () => {
      order.push('logout');
      return answer(204);
    });
    await session.signOut();
    expect(order).toEqual(['disconnect', 'logout']);

    fetchMock.mockResolvedValueOnce(answer(401, { message: 'The email or password is not correct' }));
    await expect(session.signIn('ana@agency.test', 'wrong')).rejects.toMatchObject({ status: 401 });
    expect(order).toEqual(['disconnect', 'logout']);
    expect(session.endedMessage).toBeNull();
  });
});
