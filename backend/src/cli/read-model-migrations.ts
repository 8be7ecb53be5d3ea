import { fileURLToPath } from 'node:url';
import { readModelMigrations } from '@curbe-voice/projections';
import { createReadModelMigration, readModelSchemaDrift } from '@curbe-voice/projections/orm/migration-tooling';
import { projectors } from '../composition-root';
import { isEntryPoint } from '../platform/process/is-entry-point';

/**
 * `npm run migrations:check`: fails (exit 1) when the committed read-model migrations and the
 * projectors' entities disagree, printing the SQL that is missing.
 * `npm run migrations:create`: writes the migration that closes that gap into projections/src/migrations.
 * Both need `DATABASE_URL` (a PostgreSQL server where a scratch database may be created). Exit 2: bad usage.
 */
const USAGE = 'Usage: npm run migrations:check | npm run migrations:create   (with DATABASE_URL=postgresql://…)';
export const MIGRATIONS_DIRECTORY = fileURLToPath(new URL('../../../projections/src/migrations', import.meta.url));

/** Every projector's entities (the checkpoint table is added by createReadModelOrm itself). */
export const readModelEntities = () => projectors.flatMap((projector) => projector.entities);

async function main(args: string[]): Promise<number> {
  const command = args[0];
  const databaseUrl = process.env.DATABASE_URL?.trim();
  if ((command !== 'check' && command !== 'create') || args.length !== 1) {
    console.error(USAGE);
    return 2;
  }
  if (!databaseUrl) {
    console.error(`DATABASE_URL is not set: the migrations are checked against a PostgreSQL server.\n${USAGE}`);
    return 2;
  }
  const options = { databaseUrl, entities: readModelEntities(), migrations: readModelMigrations };
  if (command === 'check') {
    const drift = await readModelSchemaDrift(options);
    if (drift.length === 0) {
      console.log(`Read-model migrations match the entities (${readModelMigrations.length} migration(s)).`);
      return 0;
    }
    console.error(
      'The read-model entities and migrations differ. Run `npm run migrations:create` and commit the result. Missing:\n' +
        drift.map((statement) => `  ${statement}`).join('\n'),
    );
    return 1;
  }
  const created = await createReadModelMigration({ ...options, directory: MIGRATIONS_DIRECTORY });
  if (!created) {
    console.log('Nothing to migrate: the migrations already match the entities.');
    return 0;
  }
  console.log(
    `Wrote ${MIGRATIONS_DIRECTORY}/${created}.ts — add { name: '${created}', class: ${created} } to projections/src/migrations/index.ts.`,
  );
  return 0;
}

if (isEntryPoint(import.meta.url)) process.exitCode = await main(process.argv.slice(2));
