/** The admin of the seeded "Demo Insurance" (the backend's DEMO_MEMBERS): entering keys is an admin's job. */
const DEMO_MEMBER_EMAIL = 'admin@demo.curbe.test';
const CSRF = { 'x-curbe-csrf': '1' };

export interface DemoWebhookKeyOptions {
  backendUrl: string;
  simulatorUrl: string;
  demoPassword: string;
  logger: { info(details: object, message: string): void; warn(details: object, message: string): void };
  /** Stop waiting for the backend after this long. Default 60 s. */
  timeoutMs?: number;
  /** Resolves when the backend has exited: nothing to wait for any more. */
  backendExited?: Promise<unknown>;
}

/**
 * What an agency's admin does after activation, done for the demo account: read the public key its
 * Telnyx account shows in its portal (here the simulator's) and enter it through the backend's API, so
 * the webhooks Telnyx signs with that key are accepted. Entering a key already held changes nothing.
 */
export async function enterDemoWebhookKey(options: DemoWebhookKeyOptions): Promise<boolean> {
  const { backendUrl, simulatorUrl, logger } = options;
  let gone = false;
  void options.backendExited?.then(() => (gone = true));
  if (!(await backendReady(backendUrl, options.timeoutMs ?? 60_000, () => gone))) return false;
  const login = await fetch(`${backendUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...CSRF },
    body: JSON.stringify({ email: DEMO_MEMBER_EMAIL, password: options.demoPassword }),
  });
  if (login.status !== 200) {
    logger.warn({ status: login.status }, 'demo account: cannot sign in to enter its webhook key');
    return false;
  }
  const { account } = (await login.json()) as { account: { id: string } };
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const keysUrl = `${backendUrl}/api/accounts/${account.id}/webhook-keys`;
  const keys = (await (await fetch(keysUrl, { headers: { cookie } })).json()) as { telnyxAccountId: string };
  const portal = await fetch(`${simulatorUrl}/sim/accounts/${keys.telnyxAccountId}/public-key`);
  if (portal.status !== 200) {
    logger.warn({ status: portal.status }, 'demo account: the simulator shows no public key for its Telnyx account');
    return false;
  }
  const { public_key: publicKey } = (await portal.json()) as { public_key: string };
  const entered = await fetch(keysUrl, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json', ...CSRF },
    body: JSON.stringify({ publicKey }),
  });
  if (entered.status !== 200) {
    logger.warn({ status: entered.status }, 'demo account: its webhook key was refused');
    return false;
  }
  logger.info({ telnyxAccount: keys.telnyxAccountId }, "demo account: its Telnyx account's webhook key is entered");
  return true;
}

async function backendReady(backendUrl: string, timeoutMs: number, gone: () => boolean): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !gone()) {
    try {
      if ((await fetch(`${backendUrl}/health`)).status === 200) return true;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return false;
}
