import { Migration } from '@mikro-orm/migrations';

/** Members' status (disabled) and whether they set a password, and voicemail for a disabled agent's numbers. */

export class Migration20261203132809_team_members extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "routing_disabled_member" ("user_id" varchar(64) not null, constraint "routing_disabled_member_pkey" primary key ("user_id"));`);

    this.addSql(`alter table "agent_view" add column "status" varchar(20) not null default 'active', add column "password_set" boolean not null default false;`);

    this.addSql(`alter table "routing_entry" add column "agent_disabled" boolean not null default false;`);

    this.addSql(`alter table "user_login_view" add column "disabled" boolean not null default false;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "routing_disabled_member" cascade;`);

    this.addSql(`alter table "agent_view" drop column "status", drop column "password_set";`);

    this.addSql(`alter table "routing_entry" drop column "agent_disabled";`);

    this.addSql(`alter table "user_login_view" drop column "disabled";`);
  }

}
