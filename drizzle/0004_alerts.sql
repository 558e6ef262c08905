CREATE TABLE `alert_attempts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`delivery_id` integer NOT NULL,
	`channel` text NOT NULL,
	`at` integer NOT NULL,
	`instance_id` text NOT NULL,
	`ok` integer NOT NULL,
	`status` integer,
	`message` text NOT NULL,
	`duration_ms` integer NOT NULL,
	FOREIGN KEY (`delivery_id`) REFERENCES `alert_deliveries`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `alert_attempts_delivery` ON `alert_attempts` (`delivery_id`,`id`);--> statement-breakpoint
CREATE INDEX `alert_attempts_channel_at` ON `alert_attempts` (`channel`,`at`);--> statement-breakpoint
CREATE TABLE `alert_deliveries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`alert_id` integer NOT NULL,
	`channel` text NOT NULL,
	`state` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer,
	`claimed_by` text,
	`claim_expires_at` integer,
	`last_attempt_at` integer,
	`last_error` text,
	`delivered_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`alert_id`) REFERENCES `alerts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `alert_deliveries_alert_channel` ON `alert_deliveries` (`alert_id`,`channel`);--> statement-breakpoint
CREATE INDEX `alert_deliveries_due` ON `alert_deliveries` (`state`,`next_attempt_at`);--> statement-breakpoint
CREATE TABLE `alerts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`key` text NOT NULL,
	`event` text NOT NULL,
	`task_id` text,
	`run_id` integer,
	`created_at` integer NOT NULL,
	`created_by` text NOT NULL,
	`payload` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `alerts_key` ON `alerts` (`key`);--> statement-breakpoint
CREATE INDEX `alerts_created_at` ON `alerts` (`created_at`);--> statement-breakpoint
CREATE TABLE `unrunnable_tasks` (
	`task_id` text PRIMARY KEY NOT NULL,
	`since` integer NOT NULL,
	`alerted` integer DEFAULT false NOT NULL
);
