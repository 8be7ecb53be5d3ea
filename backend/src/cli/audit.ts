import { resolve } from 'node:path';
import { openEventStore } from '@curbe-voice/event-store';
import { AccountNotFound, AuditTrail } from '../slices/audit';
import { loadStorageConfig } from '../platform/config/load-config';
import { isEntryPoint } from '../platform/process/is-entry-point';
import { invalidConfiguration, runAsProgram, type CliOutput } from './cli-program';
import { replayReport, verificationReport } from './audit-report';

/**
 * `npm run audit -- verify <accountId>`: checks the hash chain of every stream of the account.
 * `npm run audit -- replay <accountId> [--at ISO]`: the account's events and its setup at that moment.
 * Reads the configured store (DATA_DIR / EVENTSTORE_CONNECTION_STRING). Exit codes: 0 fine, 1 chain
 * broken, 2 bad usage or unknown account.
 */
const USAGE =
  'Usage: npm run audit -- verify <accountId>\n       npm run audit -- replay <accountId> [--at <ISO-8601 time>]';

type Command = { name: 'verify'; accountId: string } | { name: 'replay'; accountId: string; at: Date };

function parse(args: string[]): Command | string {
  const [name, accountId, ...rest] = args;
  if ((name !== 'verify' && name !== 'replay') || !accountId || accountId.startsWith('-')) return USAGE;
  if (name === 'verify') return rest.length === 0 ? { name, accountId } : USAGE;
  if (rest.length === 0) return { name, accountId, at: new Date() };
  const atText =
    rest[0] === '--at' && rest.length === 2
      ? rest[1]!
      : rest.length === 1 && rest[0]!.startsWith('--at=')
        ? rest[0]!.slice(5)
        : undefined;
  if (atText === undefined) return USAGE;
  const at = new Date(atText);
  return Number.isNaN(at.getTime()) ? `Not an ISO-8601 time: ${atText}` : { name, accountId, at };
}

export async function runAuditCli(
  args: string[],
  env: Record<string, string | undefined>,
  output: CliOutput,
): Promise<number> {
  const command = parse(args);
  if (typeof command === 'string') {
    output.err(command);
    return 2;
  }
  const config = loadStorageConfig(env);
  if (!config.ok) {
    output.err(invalidConfiguration(config.errors));
    return 2;
  }
  const store = openEventStore({
    connectionString: config.config.eventStoreConnectionString,
    dataDir: resolve(config.config.dataDir),
  });
  try {
    const trail = new AuditTrail(store);
    if (command.name === 'verify') {
      const result = await trail.verify(command.accountId);
      output.out(verificationReport(result));
      return result.intact ? 0 : 1;
    }
    const setup = await trail.setupAt(command.accountId, command.at);
    const entries = (await trail.events(command.accountId)).filter(
      (e) => Date.parse(e.occurredAt) <= command.at.getTime(),
    );
    output.out(replayReport(entries, setup));
    return 0;
  } catch (error) {
    if (error instanceof AccountNotFound) {
      output.err(error.message);
      return 2;
    }
    throw error;
  } finally {
    await store.close();
  }
}

if (isEntryPoint(import.meta.url)) runAsProgram(runAuditCli);
