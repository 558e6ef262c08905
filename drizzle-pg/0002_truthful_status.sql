ALTER TABLE "instances" ADD COLUMN "acting_user" text;--> statement-breakpoint
ALTER TABLE "instances" ADD COLUMN "roles" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "instances" ADD COLUMN "schedules" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "instances" ADD COLUMN "version" text;--> statement-breakpoint
ALTER TABLE "instances" ADD COLUMN "clock_skew_ms" integer;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "interruptions" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "last_outcome" text;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "last_started_at" bigint;