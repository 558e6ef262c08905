import { eq } from 'drizzle-orm';
import { runExchanges, runLogs, runs, tasks } from '../schema.js';
import type { ExchangeInput, LogLineInput, ScheduleState } from '../../types.js';
import type { Db } from './db.js';

export async function appendLog(db: Db, runId: number, lines: readonly LogLineInput[]): Promise<void> {
  if (lines.length === 0) return;
  await db.insert(runLogs).values(lines.map((l) => ({ runId, ...l })));
}

export async function addExchange(db: Db, runId: number, ex: ExchangeInput): Promise<void> {
  await db.insert(runExchanges).values({
    runId,
    ...ex,
    requestHeaders: JSON.stringify(ex.requestHeaders),
    responseHeaders: ex.responseHeaders === null ? null : JSON.stringify(ex.responseHeaders),
  });
}

export async function setProgress(db: Db, runId: number, done: number, total: number | null): Promise<void> {
  await db.update(runs).set({ progressDone: done, progressTotal: total }).where(eq(runs.id, runId));
}

export async function setPaused(db: Db, taskId: string, paused: boolean): Promise<boolean> {
  const result = await db.update(tasks).set({ paused }).where(eq(tasks.id, taskId));
  return (result.rowCount ?? 0) > 0;
}

export async function setSchedule(db: Db, taskId: string, s: ScheduleState): Promise<void> {
  await db.update(tasks).set(s).where(eq(tasks.id, taskId));
}
