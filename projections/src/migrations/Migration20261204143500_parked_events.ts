import { Migration } from '@mikro-orm/migrations';

/** Events a projector could not apply, set aside for operators so the projector goes on. */

export class Migration20261204143500_parked_events extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "projection_parked_event" ("id" varchar(300) not null, "projector_name" varchar(200) not null, "stream_name" varchar(300) not null, "revision" int not null, "position" varchar(100) not null, "event_id" varchar(64) not null, "event_type" varchar(200) not null, "error_message" text not null, "attempts" int not null, "state" varchar(20) not null, "parked_at" timestamptz not null, "resolved_at" timestamptz null, "resolved_by" varchar(200) null, constraint "projection_parked_event_pkey" primary key ("id"));`);
    this.addSql(`create index "projection_parked_event_state_projector_name_index" on "projection_parked_event" ("state", "projector_name");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "projection_parked_event" cascade;`);
  }

}
