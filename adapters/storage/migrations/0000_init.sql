CREATE TABLE `incident_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`company_id` text NOT NULL,
	`incident_id` text NOT NULL,
	`at` text NOT NULL,
	`type` text NOT NULL,
	`actor` text NOT NULL,
	`data` text NOT NULL,
	FOREIGN KEY (`incident_id`) REFERENCES `incidents`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `incident_events_incident_idx` ON `incident_events` (`incident_id`,`id`);--> statement-breakpoint
CREATE TABLE `incident_findings` (
	`company_id` text NOT NULL,
	`incident_id` text NOT NULL,
	`finding_key` text NOT NULL,
	`data` text NOT NULL,
	`first_seen_at` text NOT NULL,
	`last_seen_at` text NOT NULL,
	`resolved_at` text,
	PRIMARY KEY(`incident_id`, `finding_key`),
	FOREIGN KEY (`incident_id`) REFERENCES `incidents`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `incident_findings_active_idx` ON `incident_findings` (`company_id`,`resolved_at`);--> statement-breakpoint
CREATE TABLE `incidents` (
	`id` text PRIMARY KEY NOT NULL,
	`company_id` text NOT NULL,
	`number` integer NOT NULL,
	`rule_id` text NOT NULL,
	`group_key` text NOT NULL,
	`title` text NOT NULL,
	`status` text NOT NULL,
	`opened_at` text NOT NULL,
	`changed_at` text NOT NULL,
	`resolved_at` text,
	`snoozed_until` text,
	`acknowledged_by` text,
	`clean_polls` integer DEFAULT 0 NOT NULL,
	`reopen_count` integer DEFAULT 0 NOT NULL,
	`weeks_seen` text NOT NULL,
	`root_cause` text,
	`classification` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `incidents_number_uq` ON `incidents` (`company_id`,`number`);--> statement-breakpoint
CREATE UNIQUE INDEX `incidents_rule_group_uq` ON `incidents` (`company_id`,`rule_id`,`group_key`);--> statement-breakpoint
CREATE TABLE `notify_state` (
	`company_id` text NOT NULL,
	`incident_id` text NOT NULL,
	`channel` text NOT NULL,
	`parent_planned` integer NOT NULL,
	`view_hash` text,
	`severity` text,
	`status` text,
	`last_planned_at` text,
	`last_thread_at` text,
	PRIMARY KEY(`incident_id`, `channel`)
);
--> statement-breakpoint
CREATE INDEX `notify_state_company_idx` ON `notify_state` (`company_id`);--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`company_id` text NOT NULL,
	`incident_id` text NOT NULL,
	`channel` text NOT NULL,
	`op` text NOT NULL,
	`body` text NOT NULL,
	`created_at` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` text NOT NULL,
	`last_error` text,
	`delivered_at` text
);
--> statement-breakpoint
CREATE INDEX `outbox_due_idx` ON `outbox` (`channel`,`status`,`next_attempt_at`);--> statement-breakpoint
CREATE TABLE `poll_runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`company_id` text NOT NULL,
	`started_at` text NOT NULL,
	`finished_at` text NOT NULL,
	`ok` integer NOT NULL,
	`sources` text NOT NULL,
	`finding_count` integer NOT NULL,
	`record_count` integer NOT NULL,
	`error` text
);
--> statement-breakpoint
CREATE INDEX `poll_runs_company_idx` ON `poll_runs` (`company_id`,`started_at`);--> statement-breakpoint
CREATE TABLE `records` (
	`company_id` text NOT NULL,
	`side` text NOT NULL,
	`source` text NOT NULL,
	`entity` text NOT NULL,
	`source_id` text NOT NULL,
	`hash` text NOT NULL,
	`updated_at` text,
	`data` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `records_identity_uq` ON `records` (`company_id`,`source`,`entity`,`source_id`);--> statement-breakpoint
CREATE INDEX `records_side_entity_idx` ON `records` (`company_id`,`side`,`entity`);--> statement-breakpoint
CREATE TABLE `source_state` (
	`company_id` text NOT NULL,
	`source_id` text NOT NULL,
	`side` text NOT NULL,
	`last_ok_at` text,
	`last_error_at` text,
	`last_error` text,
	`consecutive_failures` integer DEFAULT 0 NOT NULL,
	`cursor` text,
	`preferences` text,
	PRIMARY KEY(`company_id`, `source_id`)
);
--> statement-breakpoint
CREATE TABLE `threads` (
	`company_id` text NOT NULL,
	`incident_id` text NOT NULL,
	`channel` text NOT NULL,
	`destination` text NOT NULL,
	`parent_ref` text NOT NULL,
	PRIMARY KEY(`incident_id`, `channel`)
);
--> statement-breakpoint
CREATE TABLE `weekly_rule_stats` (
	`company_id` text NOT NULL,
	`week` text NOT NULL,
	`rule_id` text NOT NULL,
	`findings` integer NOT NULL,
	`records` integer NOT NULL,
	PRIMARY KEY(`company_id`, `week`, `rule_id`)
);
