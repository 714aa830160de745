CREATE TABLE `company_revisions` (
	`company_id` text PRIMARY KEY NOT NULL,
	`revision` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE `leases` (
	`company_id` text NOT NULL,
	`name` text NOT NULL,
	`owner` text,
	`expires_at` text,
	`token` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`company_id`, `name`)
);
--> statement-breakpoint
ALTER TABLE `outbox` ADD `claimed_by` text;--> statement-breakpoint
ALTER TABLE `outbox` ADD `claim_expires_at` text;