import { Migration } from '@mikro-orm/migrations';

/** The operators' list of agencies, and sign-in rows for platform operators (who belong to no agency). */

export class Migration20261203134023_platform_operators extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "agency_view" ("account_id" varchar(64) not null, "name" varchar(200) not null, "telnyx_account_id" varchar(100) not null, "created_at" varchar(40) not null, "member_count" int not null, constraint "agency_view_pkey" primary key ("account_id"));`);

    this.addSql(`alter table "user_login_view" alter column "account_id" type varchar(64) using ("account_id"::varchar(64));`);
    this.addSql(`alter table "user_login_view" alter column "account_id" drop not null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "agency_view" cascade;`);

    this.addSql(`alter table "user_login_view" alter column "account_id" type varchar(64) using ("account_id"::varchar(64));`);
    this.addSql(`alter table "user_login_view" alter column "account_id" set not null;`);
  }

}
