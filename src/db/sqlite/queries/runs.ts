import { eq } from 'drizzle-orm';
import { runExchanges, runLogs, runs, tasks } from '../schema.js';
import type { ExchangeInput, LogLineInput, ScheduleState } from '../../types.js';
import type { Db } from './db.js';

export function appendLog(db: Db, runId: number, lines: readonly LogLineInput[]): void {
  if (lines.length === 0) return;
  db.orm
    .insert(runLogs)
    .values(lines.map((l) => ({ runId, ...l })))
    .run();
}

export function addExchange(db: Db, runId: number, ex: ExchangeInput): void {
  db.orm
    .insert(runExchanges)
    .values({
      runId,
      ...ex,
      requestHeaders: JSON.stringify(ex.requestHeaders),
      responseHeaders: ex.responseHeaders === null ? null : JSON.stringify(ex.responseHeaders),
    })
    .run();
}

export function setProgress(db: Db, runId: number, done: number, total: number | null): void {
  db.orm.update(runs).set({ progressDone: done, progressTotal: total }).where(eq(runs.id, runId)).run();
}

export function setPaused(db: Db, taskId: string, paused: boolean): boolean {
  return db.orm.update(tasks).set({ paused }).where(eq(tasks.id, taskId)).run().changes > 0;
}

export function setSchedule(db: Db, taskId: string, s: ScheduleState): void {
  db.orm.update(tasks).set(s).where(eq(tasks.id, taskId)).run();
}
