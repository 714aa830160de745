CREATE TABLE `connector_tokens` (
	`company_id` text NOT NULL,
	`source_id` text NOT NULL,
	`sealed` text NOT NULL,
	`seed` text NOT NULL,
	`updated_at` text NOT NULL,
	PRIMARY KEY(`company_id`, `source_id`)
);
