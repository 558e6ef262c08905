CREATE TABLE `instances` (
	`id` text PRIMARY KEY NOT NULL,
	`user` text NOT NULL,
	`host` text NOT NULL,
	`pid` integer NOT NULL,
	`kind` text NOT NULL,
	`started_at` integer NOT NULL,
	`heartbeat_at` integer NOT NULL,
	`stopped_at` integer
);
--> statement-breakpoint
CREATE TABLE `run_exchanges` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`run_id` integer NOT NULL,
	`at` integer NOT NULL,
	`method` text NOT NULL,
	`url` text NOT NULL,
	`request_headers` text NOT NULL,
	`request_body` text,
	`status` integer,
	`response_headers` text,
	`response_body` text,
	`error` text,
	`duration_ms` integer NOT NULL,
	FOREIGN KEY (`run_id`) REFERENCES `runs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `run_exchanges_run_id` ON `run_exchanges` (`run_id`,`id`);--> statement-breakpoint
CREATE TABLE `run_logs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`run_id` integer NOT NULL,
	`at` integer NOT NULL,
	`level` text NOT NULL,
	`message` text NOT NULL,
	FOREIGN KEY (`run_id`) REFERENCES `runs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `run_logs_run_id` ON `run_logs` (`run_id`,`id`);--> statement-breakpoint
CREATE TABLE `runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`task_id` text NOT NULL,
	`service_id` text NOT NULL,
	`task_type` text NOT NULL,
	`trigger` text NOT NULL,
	`started_by` text NOT NULL,
	`instance_id` text NOT NULL,
	`epoch` integer NOT NULL,
	`started_at` integer NOT NULL,
	`finished_at` integer,
	`outcome` text NOT NULL,
	`error_class` text,
	`message` text,
	`progress_done` integer,
	`progress_total` integer,
	`stopped_by` text,
	`has_diagnostics` integer DEFAULT false NOT NULL,
	`details_expire_at` integer,
	`details_purged_at` integer
);
--> statement-breakpoint
CREATE INDEX `runs_task_id` ON `runs` (`task_id`,`id`);--> statement-breakpoint
CREATE INDEX `runs_service_id` ON `runs` (`service_id`,`id`);--> statement-breakpoint
CREATE INDEX `runs_type_id` ON `runs` (`task_type`,`id`);--> statement-breakpoint
CREATE INDEX `runs_outcome_id` ON `runs` (`outcome`,`id`);--> statement-breakpoint
CREATE INDEX `runs_started_at` ON `runs` (`started_at`);--> statement-breakpoint
CREATE INDEX `runs_details_expire` ON `runs` (`details_expire_at`) WHERE details_purged_at IS NULL;--> statement-breakpoint
CREATE TABLE `services` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`base_url` text,
	`in_config` integer DEFAULT true NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `task_state` (
	`task_id` text NOT NULL,
	`key` text NOT NULL,
	`value` text NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`task_id`, `key`)
);
--> statement-breakpoint
CREATE TABLE `tasks` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`type` text NOT NULL,
	`service_id` text NOT NULL,
	`role` text NOT NULL,
	`interval_ms` integer,
	`max_interval_ms` integer,
	`cron` text,
	`timeout_ms` integer NOT NULL,
	`handler_kind` text NOT NULL,
	`enabled` integer DEFAULT true NOT NULL,
	`in_config` integer DEFAULT true NOT NULL,
	`updated_at` integer NOT NULL,
	`paused` integer DEFAULT false NOT NULL,
	`effective_interval_ms` integer,
	`failures` integer DEFAULT 0 NOT NULL,
	`failing_since` integer,
	`last_run_id` integer,
	`last_finished_at` integer,
	`next_run_at` integer,
	`lease_owner` text,
	`lease_expires_at` integer,
	`lease_epoch` integer DEFAULT 0 NOT NULL,
	`lease_run_id` integer,
	`stop_requested_by` text,
	`stop_requested_at` integer
);
--> statement-breakpoint
CREATE INDEX `tasks_lease_owner` ON `tasks` (`lease_owner`);