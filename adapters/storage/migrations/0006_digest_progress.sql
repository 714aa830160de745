CREATE TABLE `digest_progress` (
	`company_id` text NOT NULL,
	`week` text NOT NULL,
	`channel` text NOT NULL,
	`main_ref` text NOT NULL,
	`done` text NOT NULL,
	`updated_at` text NOT NULL,
	PRIMARY KEY(`company_id`, `week`, `channel`)
);
