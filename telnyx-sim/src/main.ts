/**
 * Runs the Telnyx simulator on its own: `npx tsx telnyx-sim/src/main.ts`.
 * TELNYX_SIM_PORT (default 3100), TELNYX_SIM_HOST (default 127.0.0.1), TELNYX_SIM_API_KEY (root key; generated if unset).
 */
import { startTelnyxSimulator } from './index';

const port = Number(process.env['TELNYX_SIM_PORT'] ?? 3100);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`TELNYX_SIM_PORT must be a port number, got "${process.env['TELNYX_SIM_PORT']}"`);
  process.exit(1);
}

const sim = await startTelnyxSimulator({
  port,
  host: process.env['TELNYX_SIM_HOST'] ?? '127.0.0.1',
  rootApiKey: process.env['TELNYX_SIM_API_KEY'] || undefined,
  logger: { level: process.env['LOG_LEVEL'] ?? 'info' },
});

console.log(`Telnyx simulator listening on ${sim.url}`);
console.log(`  API base URL:        ${sim.apiBaseUrl}`);
console.log(`  root API key:        ${sim.rootApiKey}`);
console.log(`  webhook public key:  ${sim.webhookPublicKey}`);
console.log(`  fault control:       ${sim.url}/sim/faults`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void sim.close().then(() => process.exit(0));
  });
}
