import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createTestReadModelDatabase,
  readModelBackends,
  type TestReadModelDatabase,
} from '@curbe-voice/projections/testing/read-model-backends';
import { AgentSecrets, AgentSecretsShredded } from './agent-secrets';
import { createSecretBox } from './secret-box';

const master = createSecretBox([{ id: 'k1', key: randomBytes(32) }]);
let database: TestReadModelDatabase | undefined;
afterEach(async () => {
  await database?.dispose();
  database = undefined;
});

describe.each(readModelBackends())('agent secrets on $name', (backend) => {
  it('seals per agent, survives a restart, and shreds one agent without touching another', async () => {
    database = await createTestReadModelDatabase(backend);
    const secrets = new AgentSecrets(await database.open([]), master);
    const ana = await secrets.seal('ana', 'ana-sip-password');
    const ben = await secrets.seal('ben', 'ben-sip-password');
    expect(ana.keyId).toBe('agent:ana');
    expect(JSON.stringify(ana)).not.toContain('ana-sip-password');

    // Another instance (or a restart) opens them with the same stored keys.
    const again = new AgentSecrets(await database.open([]), master);
    expect(await again.open(ana)).toBe('ana-sip-password');

    await again.shred('ben');
    await again.shred('ben');
    await expect(secrets.open(ben)).rejects.toThrow(AgentSecretsShredded);
    await expect(secrets.seal('ben', 'x')).rejects.toThrow(/destroyed/);
    expect(await secrets.open(ana)).toBe('ana-sip-password');
    // Secrets sealed under the master key before agent keys existed still open.
    expect(await secrets.open(master.seal('legacy'))).toBe('legacy');
  });
});
