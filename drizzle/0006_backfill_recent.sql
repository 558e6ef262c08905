-- Custom SQL migration file, put your code below! --
-- Each task's ring of recent outcomes (src/db/recent.ts) from its last 20 finished runs, oldest first.
UPDATE `tasks` SET `recent` = coalesce((
  SELECT json_group_array(json_array(`id`, `outcome`, `finished_at` - `started_at`) ORDER BY `id`)
  FROM (SELECT `id`, `outcome`, `started_at`, `finished_at` FROM `runs`
        WHERE `runs`.`task_id` = `tasks`.`id` AND `outcome` <> 'running' ORDER BY `id` DESC LIMIT 20)
), '[]');
