import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { MEMBER_ROLES, type MemberRole } from '@curbe-voice/contracts';
import { openEventStore, withHashChain } from '@curbe-voice/event-store';
import { createReadModelOrm, readModelMigrations } from '@curbe-voice/projections';
import { buildFeatureServices, connectTelnyx, projectors } from '../composition-root';
import { loadConfig } from '../platform/config/load-config';
import { createLogger } from '../platform/logging/create-logger';
import { isEntryPoint } from '../platform/process/is-entry-point';
import { invalidConfiguration, runAsProgram, type CliOutput } from './cli-program';
import { AccountRejected, normaliseEmail } from '../slices/accounts';
import { PasswordRejected, type IssuedPasswordLink } from '../slices/auth';
import { OperatorRejected } from '../slices/operators';
import { TeamChangeRejected, TeamService } from '../slices/team';
import { TelnyxPermanentError, TelnyxTransientError } from '../platform/telnyx/telnyx-errors';

/**
 * Agencies, their members and the platform's operators from the command line (no demo seed needed):
 *   npm run accounts -- add-operator <email> [--name "<name>"]
 *   npm run accounts -- operator-password-link <email>
 *   npm run accounts -- create "<agency name>" --admin <email> [--name "<admin's name>"]
 *   npm run accounts -- add-member <accountId> <email> --role admin|agent|auditor [--name "<name>"]
 *   npm run accounts -- password-link <accountId> <email>
 * Each user gets a one-time set-password link, printed here (there is no mail server to send it); an
 * agent added to an activated agency gets their phone line, as from the Team page.
 * Exit codes: 0 done, 1 refused (e.g. unknown account, email taken, Telnyx refused), 2 bad usage or configuration.
 */
const USAGE = [
  'Usage: npm run accounts -- add-operator <email> [--name "<display name>"]',
  '       npm run accounts -- operator-password-link <email>',
  '       npm run accounts -- create "<agency name>" --admin <email> [--name "<display name>"]',
  '       npm run accounts -- add-member <accountId> <email> --role admin|agent|auditor [--name "<display name>"]',
  '       npm run accounts -- password-link <accountId> <email>',
].join('\n');

type Command =
  | { name: 'add-operator'; email: string; displayName: string }
  | { name: 'operator-password-link'; email: string }
  | { name: 'create'; agency: string; email: string; displayName: string }
  | { name: 'add-member'; accountId: string; email: string; role: MemberRole; displayName: string }
  | { name: 'password-link'; accountId: string; email: string };

const isRole = (value: string | undefined): value is MemberRole => MEMBER_ROLES.some((role) => role === value);
/** A readable default from the email's local part: `ana.lopez@x` → `ana lopez`. */
const nameFromEmail = (email: string): string => email.split('@')[0]!.replace(/[._-]+/g, ' ');

function parse(args: string[]): Command | string {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: { admin: { type: 'string' }, role: { type: 'string' }, name: { type: 'string' } },
    });
  } catch (error) {
    return `${error instanceof Error ? error.message : String(error)}\n${USAGE}`;
  }
  const [name, first, second, ...rest] = parsed.positionals;
  const { admin, role, name: displayName } = parsed.values;
  if (rest.length > 0) return USAGE;
  if (name === 'add-operator' && first && !second && !role && !admin)
    return { name, email: first, displayName: displayName ?? nameFromEmail(first) };
  if (name === 'operator-password-link' && first && !second && !role && !admin && !displayName)
    return { name, email: first };
  if (name === 'create' && first && !second && admin)
    return { name, agency: first, email: admin, displayName: displayName ?? nameFromEmail(admin) };
  if (name === 'add-member' && first && second && isRole(role))
    return { name, accountId: first, email: second, role, displayName: displayName ?? nameFromEmail(second) };
  if (name === 'password-link' && first && second && !role && !admin) return { name, accountId: first, email: second };
  return USAGE;
}

export async function runAccountsCli(
  args: string[],
  env: Record<string, string | undefined>,
  output: CliOutput,
): Promise<number> {
  const command = parse(args);
  if (typeof command === 'string') {
    output.err(command);
    return 2;
  }
  const loaded = loadConfig(env);
  if (!loaded.ok) {
    output.err(invalidConfiguration(loaded.errors));
    return 2;
  }
  const { config } = loaded;
  const dataDir = resolve(config.dataDir);
  // Hash-chained like every append of the backend, so the audit trail stays verifiable.
  const eventStore = withHashChain(openEventStore({ connectionString: config.eventStoreConnectionString, dataDir }));
  // The agents' data keys live in the read-model database: an agent's phone line is sealed under theirs.
  const readModels = await createReadModelOrm({
    databaseUrl: config.databaseUrl,
    dataDir,
    entities: projectors.flatMap((projector) => projector.entities),
    migrations: readModelMigrations,
  }).catch(async (error: unknown) => {
    await eventStore.close();
    throw error;
  });
  const logger = createLogger({ level: 'silent' });
  const services = buildFeatureServices({
    config,
    logger,
    eventStore,
    telnyx: connectTelnyx(config),
    dataDir,
    readModels,
  });
  const team = new TeamService({
    ...services,
    emails: services.signInEmails,
    store: eventStore,
    readModels,
    publicUrl: config.publicUrl,
    logger,
  });
  try {
    return await runCommand(command, { ...services, team }, output);
  } catch (error) {
    if (
      error instanceof AccountRejected ||
      error instanceof OperatorRejected ||
      error instanceof PasswordRejected ||
      error instanceof TeamChangeRejected ||
      error instanceof TelnyxPermanentError ||
      error instanceof TelnyxTransientError
    ) {
      output.err(error.message);
      return 1;
    }
    throw error;
  } finally {
    await readModels.close();
    await eventStore.close();
  }
}

type Services = ReturnType<typeof buildFeatureServices> & { team: TeamService };

async function runCommand(command: Command, services: Services, output: CliOutput) {
  const context = { actor: 'cli' };
  const { accounts, passwordLinks, onboarding, operators, team } = services;
  const printLink = (email: string, link: IssuedPasswordLink) => {
    output.out(`Set-password link for ${email} (one use, until ${link.expiresAt.toISOString()}):`);
    output.out(`  ${link.url}`);
  };
  const memberLink = async (userId: string, email: string) =>
    printLink(email, await passwordLinks.issue(userId, context));
  switch (command.name) {
    case 'add-operator': {
      const operator = await operators.add({ email: command.email, displayName: command.displayName }, context);
      output.out(`${operator.email} added as a platform operator.`);
      await memberLink(operator.userId, operator.email);
      return 0;
    }
    case 'operator-password-link': {
      const operator = (await operators.list()).find((o) => o.email === normaliseEmail(command.email));
      if (!operator) {
        output.err(`No platform operator ${command.email}`);
        return 1;
      }
      await memberLink(operator.userId, operator.email);
      return 0;
    }
    case 'create': {
      const { agency, email, displayName } = command;
      const { account, admin, passwordLink } = await onboarding.createAgency(
        { name: agency, adminEmail: email, adminName: displayName },
        context,
      );
      output.out(`Agency "${account.name}" created: account ${account.accountId} (Telnyx ${account.telnyxAccountId})`);
      printLink(admin.email, passwordLink);
      return 0;
    }
    case 'add-member': {
      const { email, displayName, role } = command;
      const { member, passwordLink } = await team.addMember(command.accountId, { email, displayName, role }, context);
      output.out(`${member.email} added as ${member.role}.`);
      printLink(member.email, passwordLink);
      return 0;
    }
    case 'password-link': {
      const account = await accounts.get(command.accountId);
      const member = account?.members.find((m) => m.email === normaliseEmail(command.email));
      if (!member) {
        output.err(`No member ${command.email} in account ${command.accountId}`);
        return 1;
      }
      printLink(member.email, await team.issuePasswordLink(command.accountId, member.userId, context));
      return 0;
    }
  }
}

if (isEntryPoint(import.meta.url)) runAsProgram(runAccountsCli);
