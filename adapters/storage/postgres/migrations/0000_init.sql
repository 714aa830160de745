CREATE TABLE "channel_problems" (
	"company_id" text NOT NULL,
	"channel" text NOT NULL,
	"episode" integer NOT NULL,
	"kind" text NOT NULL,
	"summary" text NOT NULL,
	"fix" text NOT NULL,
	"opened_at" text NOT NULL,
	"last_seen_at" text NOT NULL,
	"resolved_at" text,
	CONSTRAINT "channel_problems_company_id_channel_episode_pk" PRIMARY KEY("company_id","channel","episode")
);
--> statement-breakpoint
CREATE TABLE "company_revisions" (
	"company_id" text PRIMARY KEY NOT NULL,
	"revision" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "connector_tokens" (
	"company_id" text NOT NULL,
	"source_id" text NOT NULL,
	"sealed" text NOT NULL,
	"seed" text NOT NULL,
	"updated_at" text NOT NULL,
	CONSTRAINT "connector_tokens_company_id_source_id_pk" PRIMARY KEY("company_id","source_id")
);
--> statement-breakpoint
CREATE TABLE "digest_deliveries" (
	"company_id" text NOT NULL,
	"week" text NOT NULL,
	"channel" text NOT NULL,
	"delivered_at" text NOT NULL,
	CONSTRAINT "digest_deliveries_company_id_week_channel_pk" PRIMARY KEY("company_id","week","channel")
);
--> statement-breakpoint
CREATE TABLE "digest_progress" (
	"company_id" text NOT NULL,
	"week" text NOT NULL,
	"channel" text NOT NULL,
	"main_ref" text NOT NULL,
	"done" json NOT NULL,
	"updated_at" text NOT NULL,
	CONSTRAINT "digest_progress_company_id_week_channel_pk" PRIMARY KEY("company_id","week","channel")
);
--> statement-breakpoint
CREATE TABLE "digest_snapshots" (
	"company_id" text NOT NULL,
	"week" text NOT NULL,
	"computed_at" text NOT NULL,
	"data" json NOT NULL,
	CONSTRAINT "digest_snapshots_company_id_week_pk" PRIMARY KEY("company_id","week")
);
--> statement-breakpoint
CREATE TABLE "leases" (
	"company_id" text NOT NULL,
	"name" text NOT NULL,
	"owner" text,
	"expires_at" text,
	"token" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "leases_company_id_name_pk" PRIMARY KEY("company_id","name")
);
--> statement-breakpoint
CREATE TABLE "qbo_tokens" (
	"company_id" text NOT NULL,
	"realm_id" text NOT NULL,
	"company_name" text,
	"sealed" text NOT NULL,
	"access_expires_at" text NOT NULL,
	"refresh_expires_at" text,
	"hard_expires_at" text,
	"version" integer DEFAULT 1 NOT NULL,
	"status" text DEFAULT 'connected' NOT NULL,
	"disconnected_reason" text,
	"updated_at" text NOT NULL,
	"lease_owner" text,
	"lease_until" text,
	CONSTRAINT "qbo_tokens_company_id_realm_id_pk" PRIMARY KEY("company_id","realm_id")
);
--> statement-breakpoint
CREATE TABLE "qbo_webhook_events" (
	"seq" serial PRIMARY KEY NOT NULL,
	"company_id" text NOT NULL,
	"realm_id" text NOT NULL,
	"entity" text NOT NULL,
	"entity_id" text NOT NULL,
	"operation" text NOT NULL,
	"event_key" text NOT NULL,
	"received_at" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "teams_conversations" (
	"company_id" text NOT NULL,
	"conversation_id" text NOT NULL,
	"kind" text NOT NULL,
	"team_id" text,
	"team_name" text,
	"name" text,
	"tenant_id" text,
	"service_url" text NOT NULL,
	"bot_id" text NOT NULL,
	"bot_name" text,
	"status" text NOT NULL,
	"dead_reason" text,
	"updated_at" text NOT NULL,
	CONSTRAINT "teams_conversations_company_id_conversation_id_pk" PRIMARY KEY("company_id","conversation_id")
);
--> statement-breakpoint
CREATE TABLE "teams_sent_activities" (
	"company_id" text NOT NULL,
	"outbox_id" integer NOT NULL,
	"conversation_id" text NOT NULL,
	"activity_id" text NOT NULL,
	"parent_ref" text,
	"at" text NOT NULL,
	CONSTRAINT "teams_sent_activities_company_id_outbox_id_pk" PRIMARY KEY("company_id","outbox_id")
);
--> statement-breakpoint
CREATE TABLE "incident_events" (
	"id" serial PRIMARY KEY NOT NULL,
	"company_id" text NOT NULL,
	"incident_id" text NOT NULL,
	"at" text NOT NULL,
	"type" text NOT NULL,
	"actor" text NOT NULL,
	"data" json NOT NULL
);
--> statement-breakpoint
CREATE TABLE "incident_findings" (
	"company_id" text NOT NULL,
	"incident_id" text NOT NULL,
	"finding_key" text NOT NULL,
	"data" json NOT NULL,
	"first_seen_at" text NOT NULL,
	"last_seen_at" text NOT NULL,
	"resolved_at" text,
	CONSTRAINT "incident_findings_incident_id_finding_key_pk" PRIMARY KEY("incident_id","finding_key")
);
--> statement-breakpoint
CREATE TABLE "incidents" (
	"id" text PRIMARY KEY NOT NULL,
	"company_id" text NOT NULL,
	"number" integer NOT NULL,
	"rule_id" text NOT NULL,
	"group_key" text NOT NULL,
	"title" text NOT NULL,
	"status" text NOT NULL,
	"opened_at" text NOT NULL,
	"changed_at" text NOT NULL,
	"resolved_at" text,
	"snoozed_until" text,
	"acknowledged_by" text,
	"clean_polls" integer DEFAULT 0 NOT NULL,
	"reopen_count" integer DEFAULT 0 NOT NULL,
	"weeks_seen" json NOT NULL,
	"root_cause" json,
	"classification" json NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notify_state" (
	"company_id" text NOT NULL,
	"incident_id" text NOT NULL,
	"channel" text NOT NULL,
	"parent_planned" boolean NOT NULL,
	"view_hash" text,
	"severity" text,
	"status" text,
	"last_planned_at" text,
	"last_thread_at" text,
	"records_shared" integer,
	CONSTRAINT "notify_state_incident_id_channel_pk" PRIMARY KEY("incident_id","channel")
);
--> statement-breakpoint
CREATE TABLE "outbox" (
	"id" serial PRIMARY KEY NOT NULL,
	"company_id" text NOT NULL,
	"incident_id" text NOT NULL,
	"channel" text NOT NULL,
	"op" text NOT NULL,
	"body" json NOT NULL,
	"created_at" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" text NOT NULL,
	"last_error" text,
	"delivered_at" text,
	"claimed_by" text,
	"claim_expires_at" text
);
--> statement-breakpoint
CREATE TABLE "poll_runs" (
	"id" serial PRIMARY KEY NOT NULL,
	"company_id" text NOT NULL,
	"started_at" text NOT NULL,
	"finished_at" text NOT NULL,
	"ok" boolean NOT NULL,
	"sources" json NOT NULL,
	"finding_count" integer NOT NULL,
	"record_count" integer NOT NULL,
	"error" text
);
--> statement-breakpoint
CREATE TABLE "records" (
	"company_id" text NOT NULL,
	"side" text NOT NULL,
	"source" text NOT NULL,
	"entity" text NOT NULL,
	"source_id" text NOT NULL,
	"hash" text NOT NULL,
	"updated_at" text,
	"data" json NOT NULL,
	"seq" serial NOT NULL
);
--> statement-breakpoint
CREATE TABLE "source_state" (
	"company_id" text NOT NULL,
	"source_id" text NOT NULL,
	"side" text NOT NULL,
	"last_ok_at" text,
	"last_error_at" text,
	"last_error" json,
	"consecutive_failures" integer DEFAULT 0 NOT NULL,
	"cursor" text,
	"preferences" json,
	CONSTRAINT "source_state_company_id_source_id_pk" PRIMARY KEY("company_id","source_id")
);
--> statement-breakpoint
CREATE TABLE "threads" (
	"company_id" text NOT NULL,
	"incident_id" text NOT NULL,
	"channel" text NOT NULL,
	"destination" text NOT NULL,
	"parent_ref" text NOT NULL,
	CONSTRAINT "threads_incident_id_channel_pk" PRIMARY KEY("incident_id","channel")
);
--> statement-breakpoint
CREATE TABLE "weekly_rule_stats" (
	"company_id" text NOT NULL,
	"week" text NOT NULL,
	"rule_id" text NOT NULL,
	"findings" integer NOT NULL,
	"records" integer NOT NULL,
	CONSTRAINT "weekly_rule_stats_company_id_week_rule_id_pk" PRIMARY KEY("company_id","week","rule_id")
);
--> statement-breakpoint
ALTER TABLE "incident_events" ADD CONSTRAINT "incident_events_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_findings" ADD CONSTRAINT "incident_findings_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "qbo_webhook_events_key_uq" ON "qbo_webhook_events" USING btree ("company_id","realm_id","event_key");--> statement-breakpoint
CREATE INDEX "qbo_webhook_events_realm_idx" ON "qbo_webhook_events" USING btree ("company_id","realm_id","seq");--> statement-breakpoint
CREATE INDEX "teams_conversations_team_idx" ON "teams_conversations" USING btree ("company_id","team_id");--> statement-breakpoint
CREATE INDEX "incident_events_incident_idx" ON "incident_events" USING btree ("incident_id","id");--> statement-breakpoint
CREATE INDEX "incident_findings_active_idx" ON "incident_findings" USING btree ("company_id","resolved_at");--> statement-breakpoint
CREATE UNIQUE INDEX "incidents_number_uq" ON "incidents" USING btree ("company_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "incidents_rule_group_uq" ON "incidents" USING btree ("company_id","rule_id","group_key");--> statement-breakpoint
CREATE INDEX "notify_state_company_idx" ON "notify_state" USING btree ("company_id");--> statement-breakpoint
CREATE INDEX "outbox_due_idx" ON "outbox" USING btree ("channel","status","next_attempt_at");--> statement-breakpoint
CREATE INDEX "poll_runs_company_idx" ON "poll_runs" USING btree ("company_id","started_at");--> statement-breakpoint
CREATE UNIQUE INDEX "records_identity_uq" ON "records" USING btree ("company_id","source","entity","source_id");--> statement-breakpoint
CREATE INDEX "records_side_entity_idx" ON "records" USING btree ("company_id","side","entity");--> statement-breakpoint
CREATE INDEX "records_company_seq_idx" ON "records" USING btree ("company_id","seq");