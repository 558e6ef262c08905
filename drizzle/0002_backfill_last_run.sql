-- Custom SQL migration file, put your code below! --
-- The task keeps its last run's outcome and start (they outlive the run's summary).
UPDATE `tasks` SET
  `last_outcome` = (SELECT `outcome` FROM `runs` WHERE `runs`.`id` = `tasks`.`last_run_id`),
  `last_started_at` = (SELECT `started_at` FROM `runs` WHERE `runs`.`id` = `tasks`.`last_run_id`)
WHERE `last_run_id` IS NOT NULL;
