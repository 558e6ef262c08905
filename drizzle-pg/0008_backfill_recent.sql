-- Custom SQL migration file, put your code below! --
-- Each task's ring of recent outcomes (src/db/recent.ts) from its last 20 finished runs, oldest first.
UPDATE "tasks" SET "recent" = coalesce((
  SELECT jsonb_agg(jsonb_build_array("r"."id", "r"."outcome", "r"."finished_at" - "r"."started_at") ORDER BY "r"."id")::text
  FROM (SELECT "id", "outcome", "started_at", "finished_at" FROM "runs"
        WHERE "runs"."task_id" = "tasks"."id" AND "outcome" <> 'running' ORDER BY "id" DESC LIMIT 20) AS "r"
), '[]');
