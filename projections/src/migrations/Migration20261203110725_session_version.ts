import { Migration } from '@mikro-orm/migrations';

/** Each member's session version, so that sign-out, a new password or a new role ends their sessions. */

export class Migration20261203110725_session_version extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "user_login_view" add column "session_version" int not null default 0;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "user_login_view" drop column "session_version";`);
  }

}
