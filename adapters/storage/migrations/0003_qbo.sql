CREATE TABLE `qbo_tokens` (
	`company_id` text NOT NULL,
	`realm_id` text NOT NULL,
	`company_name` text,
	`sealed` text NOT NULL,
	`access_expires_at` text NOT NULL,
	`refresh_expires_at` text,
	`hard_expires_at` text,
	`version` integer DEFAULT 1 NOT NULL,
	`status` text DEFAULT 'connected' NOT NULL,
	`disconnected_reason` text,
	`updated_at` text NOT NULL,
	`lease_owner` text,
	`lease_until` text,
	PRIMARY KEY(`company_id`, `realm_id`)
);
--> statement-breakpoint
CREATE TABLE `qbo_webhook_events` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`company_id` text NOT NULL,
	`realm_id` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text NOT NULL,
	`operation` text NOT NULL,
	`event_key` text NOT NULL,
	`received_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `qbo_webhook_events_key_uq` ON `qbo_webhook_events` (`company_id`,`realm_id`,`event_key`);--> statement-breakpoint
CREATE INDEX `qbo_webhook_events_realm_idx` ON `qbo_webhook_events` (`company_id`,`realm_id`,`seq`);