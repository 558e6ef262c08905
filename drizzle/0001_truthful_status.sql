ALTER TABLE `instances` ADD `acting_user` text;--> statement-breakpoint
ALTER TABLE `instances` ADD `roles` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `instances` ADD `schedules` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `instances` ADD `version` text;--> statement-breakpoint
ALTER TABLE `instances` ADD `clock_skew_ms` integer;--> statement-breakpoint
ALTER TABLE `tasks` ADD `interruptions` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `tasks` ADD `last_outcome` text;--> statement-breakpoint
ALTER TABLE `tasks` ADD `last_started_at` integer;