CREATE TABLE `digest_deliveries` (
	`company_id` text NOT NULL,
	`week` text NOT NULL,
	`channel` text NOT NULL,
	`delivered_at` text NOT NULL,
	PRIMARY KEY(`company_id`, `week`, `channel`)
);
--> statement-breakpoint
CREATE TABLE `digest_snapshots` (
	`company_id` text NOT NULL,
	`week` text NOT NULL,
	`computed_at` text NOT NULL,
	`data` text NOT NULL,
	PRIMARY KEY(`company_id`, `week`)
);
