import { Migration } from '@mikro-orm/migrations';

/** Numbers pending at Telnyx (no phone number id yet) and failed orders with Telnyx's reason. */

export class Migration20261203110426_number_orders extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "number_view" add column "failure_reason" varchar(500) null;`);
    this.addSql(`alter table "number_view" alter column "phone_number_id" type varchar(100) using ("phone_number_id"::varchar(100));`);
    this.addSql(`alter table "number_view" alter column "phone_number_id" drop not null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "number_view" drop column "failure_reason";`);

    this.addSql(`alter table "number_view" alter column "phone_number_id" type varchar(100) using ("phone_number_id"::varchar(100));`);
    this.addSql(`alter table "number_view" alter column "phone_number_id" set not null;`);
  }

}
