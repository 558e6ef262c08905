CREATE TABLE "fleet_config" (
	"id" integer PRIMARY KEY NOT NULL,
	"version" text NOT NULL,
	"written_by" text NOT NULL,
	"written_at" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "def_hash" text;