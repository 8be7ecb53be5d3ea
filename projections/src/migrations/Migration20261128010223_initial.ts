import { Migration } from '@mikro-orm/migrations';

/** The read-model tables as of the first release (written by `npm run migrations:create`). */

export class Migration20261128010223_initial extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "activation_view" ("account_id" varchar(64) not null, "account_name" varchar(200) not null, "status" varchar(20) not null, "attempt" int not null, "outbound_voice_profile_id" varchar(100) null, "texml_application_id" varchar(100) null, "credential_connection_id" varchar(100) null, "agents_total" int not null, "agents_provisioned" int not null, "numbers_attached" int not null, "failed_step" varchar(40) null, "failure_status" int null, "failure_message" text null, "failure_errors" jsonb null, "requested_at" varchar(40) null, "completed_at" varchar(40) null, "updated_at" varchar(40) not null, constraint "activation_view_pkey" primary key ("account_id"));`);

    this.addSql(`create table "agent_view" ("user_id" varchar(64) not null, "account_id" varchar(64) not null, "email" varchar(320) not null, "display_name" varchar(200) not null, "role" varchar(20) not null, "sip_username" varchar(100) null, "credential_id" varchar(100) null, "added_at" varchar(40) not null, constraint "agent_view_pkey" primary key ("user_id"));`);
    this.addSql(`create index "agent_view_account_id_index" on "agent_view" ("account_id");`);
    this.addSql(`alter table "agent_view" add constraint "agent_view_email_unique" unique ("email");`);

    this.addSql(`create table "call_history" ("call_sid" varchar(128) not null, "account_id" varchar(64) null, "agent_id" varchar(64) null, "direction" varchar(10) null, "our_number" varchar(40) null, "other_party" varchar(200) null, "route" varchar(20) null, "voicemail_reason" varchar(40) null, "refusal_reason" varchar(40) null, "outcome" varchar(20) not null, "status" varchar(20) null, "status_rank" int not null, "dial_status" varchar(20) null, "sent_to_voicemail" boolean not null, "started_at" varchar(40) null, "answered_at" varchar(40) null, "ended_at" varchar(40) null, "duration_sec" int null, "talk_sec" int null, "recording_sid" varchar(128) null, "recording_kind" varchar(20) null, "recording_duration_sec" int null, "recording_stored" boolean not null, "recording_copy_failed" boolean not null, "recording_storage_key" varchar(300) null, "recording_content_type" varchar(100) null, "recording_size_bytes" int null, "recording_sha256" varchar(64) null, "recording_purged_at" varchar(40) null, "updated_at" varchar(40) not null, constraint "call_history_pkey" primary key ("call_sid"));`);
    this.addSql(`create index "call_history_agent_id_started_at_index" on "call_history" ("agent_id", "started_at");`);
    this.addSql(`create index "call_history_account_id_started_at_index" on "call_history" ("account_id", "started_at");`);

    this.addSql(`create table "number_agent_name" ("user_id" varchar(64) not null, "display_name" varchar(200) not null, constraint "number_agent_name_pkey" primary key ("user_id"));`);

    this.addSql(`create table "number_view" ("phone_number" varchar(20) not null, "account_id" varchar(64) not null, "phone_number_id" varchar(100) not null, "number_order_id" varchar(100) null, "status" varchar(20) not null, "texml_application_id" varchar(100) null, "agent_id" varchar(64) null, "agent_name" varchar(200) null, "ordered_at" varchar(40) not null, "updated_at" varchar(40) not null, constraint "number_view_pkey" primary key ("phone_number"));`);
    this.addSql(`create index "number_view_account_id_index" on "number_view" ("account_id");`);

    this.addSql(`create table "projection_checkpoint" ("projector_name" varchar(200) not null, "version" int not null, "position" text null, "updated_at" timestamptz not null, constraint "projection_checkpoint_pkey" primary key ("projector_name"));`);

    this.addSql(`create table "routing_agent_sip" ("user_id" varchar(64) not null, "sip_username" varchar(100) not null, constraint "routing_agent_sip_pkey" primary key ("user_id"));`);

    this.addSql(`create table "routing_entry" ("phone_number" varchar(20) not null, "account_id" varchar(64) not null, "agent_id" varchar(64) null, "sip_username" varchar(100) null, constraint "routing_entry_pkey" primary key ("phone_number"));`);
    this.addSql(`create index "routing_entry_account_id_index" on "routing_entry" ("account_id");`);
    this.addSql(`create index "routing_entry_agent_id_index" on "routing_entry" ("agent_id");`);

    this.addSql(`create table "user_login_view" ("user_id" varchar(64) not null, "email" varchar(320) not null, "account_id" varchar(64) not null, "role" varchar(20) not null, "display_name" varchar(200) not null, "password_hash" varchar(300) null, constraint "user_login_view_pkey" primary key ("user_id"));`);
    this.addSql(`alter table "user_login_view" add constraint "user_login_view_email_unique" unique ("email");`);
    this.addSql(`create index "user_login_view_account_id_index" on "user_login_view" ("account_id");`);
  }

}
