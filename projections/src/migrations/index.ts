import type { ReadModelMigration } from '../orm/read-model-migrations-config';
import { Migration20261128010223_initial } from './Migration20261128010223_initial';
import { Migration20261203110426_number_orders } from './Migration20261203110426_number_orders';
import { Migration20261203110725_session_version } from './Migration20261203110725_session_version';
import { Migration20261203132809_team_members } from './Migration20261203132809_team_members';
import { Migration20261203134023_platform_operators } from './Migration20261203134023_platform_operators';
import { Migration20261204143500_parked_events } from './Migration20261204143500_parked_events';

/**
 * Every read-model migration, oldest first. `npm run migrations:create` writes a new file here after
 * an entity changed; add its class to this list. PostgreSQL applies the pending ones at start.
 */
export const readModelMigrations: readonly ReadModelMigration[] = [
  { name: 'Migration20261128010223_initial', class: Migration20261128010223_initial },
  { name: 'Migration20261203110426_number_orders', class: Migration20261203110426_number_orders },
  { name: 'Migration20261203110725_session_version', class: Migration20261203110725_session_version },
  { name: 'Migration20261203132809_team_members', class: Migration20261203132809_team_members },
  { name: 'Migration20261203134023_platform_operators', class: Migration20261203134023_platform_operators },
  { name: 'Migration20261204143500_parked_events', class: Migration20261204143500_parked_events },
];
