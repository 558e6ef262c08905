-- Custom SQL migration file, put your code below! --
-- The task keeps its last run's outcome and start (they outlive the run's summary).
UPDATE "tasks" SET "last_outcome" = "runs"."outcome", "last_started_at" = "runs"."started_at"
FROM "runs" WHERE "runs"."id" = "tasks"."last_run_id";
