CREATE TABLE `fleet_config` (
	`id` integer PRIMARY KEY NOT NULL,
	`version` text NOT NULL,
	`written_by` text NOT NULL,
	`written_at` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `tasks` ADD `def_hash` text;