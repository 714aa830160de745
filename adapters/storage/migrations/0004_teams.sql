CREATE TABLE `teams_conversations` (
	`company_id` text NOT NULL,
	`conversation_id` text NOT NULL,
	`kind` text NOT NULL,
	`team_id` text,
	`team_name` text,
	`name` text,
	`tenant_id` text,
	`service_url` text NOT NULL,
	`bot_id` text NOT NULL,
	`bot_name` text,
	`status` text NOT NULL,
	`dead_reason` text,
	`updated_at` text NOT NULL,
	PRIMARY KEY(`company_id`, `conversation_id`)
);
--> statement-breakpoint
CREATE INDEX `teams_conversations_team_idx` ON `teams_conversations` (`company_id`,`team_id`);--> statement-breakpoint
CREATE TABLE `teams_sent_activities` (
	`company_id` text NOT NULL,
	`outbox_id` integer NOT NULL,
	`conversation_id` text NOT NULL,
	`activity_id` text NOT NULL,
	`parent_ref` text,
	`at` text NOT NULL,
	PRIMARY KEY(`company_id`, `outbox_id`)
);
