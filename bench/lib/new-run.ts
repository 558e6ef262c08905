// "A new run arrives": what the dashboard sees when another instance finishes a run of a
// task — one commit that adds a finished run and points the task at it.
import type Database from 'better-sqlite3';

export function recordFinishedRun(
  db: Database.Database,
  task: { id: string; service: string; type: string },
  at: number,
): number {
  const instance = db
    .prepare(`SELECT id FROM instances WHERE kind = 'engine' ORDER BY started_at DESC LIMIT 1`)
    .pluck()
    .get() as string | undefined;
  return db.transaction(() => {
    const epoch = (db.prepare('SELECT lease_epoch FROM tasks WHERE id = ?').pluck().get(task.id) as number) + 1;
    const id = Number(
      db
        .prepare(
          `INSERT INTO runs (task_id, service_id, task_type, trigger, started_by, instance_id, epoch, started_at, finished_at,
             outcome, message, progress_done, progress_total, has_diagnostics, details_expire_at)
           VALUES (?, ?, ?, 'schedule', 'scheduler', ?, ?, ?, ?, 'success', '12 items', 12, 12, 0, ?)`,
        )
        .run(task.id, task.service, task.type, instance ?? 'bench', epoch, at - 800, at, at + 7 * 86_400_000)
        .lastInsertRowid,
    );
    db.prepare(
      `UPDATE tasks SET last_run_id = ?, last_finished_at = ?, next_run_at = ? + coalesce(interval_ms, 3600000), lease_epoch = ?,
         failures = 0, failing_since = NULL, effective_interval_ms = interval_ms WHERE id = ?`,
    ).run(id, at, at, epoch, task.id);
    return id;
  })();
}
