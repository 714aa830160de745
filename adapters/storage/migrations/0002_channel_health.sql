CREATE TABLE `channel_problems` (
	`company_id` text NOT NULL,
	`channel` text NOT NULL,
	`episode` integer NOT NULL,
	`kind` text NOT NULL,
	`summary` text NOT NULL,
	`fix` text NOT NULL,
	`opened_at` text NOT NULL,
	`last_seen_at` text NOT NULL,
	`resolved_at` text,
	PRIMARY KEY(`company_id`, `channel`, `episode`)
);
