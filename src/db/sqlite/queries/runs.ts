import { eq } from 'drizzle-orm';
import { runExchanges, tasks } from '../schema.js';
import type { ExchangeInput, LogLineInput, ScheduleState } from '../../types.js';
import type { Db } from './db.js';
import { preparedFor } from './prepared.js';
import { runStatements } from './run-statements.js';

/** The lines in one transaction, each with the statement prepared once. */
const appendLines = preparedFor((db: Db) =>
  db.raw.transaction((runId: number, lines: readonly LogLineInput[]) => {
    const insert = runStatements(db).insertLog;
    for (const l of lines) insert.run({ runId, at: l.at, level: l.level, message: l.message });
  }),
);

export function appendLog(db: Db, runId: number, lines: readonly LogLineInput[]): void {
  if (lines.length === 0) return;
  appendLines(db)(runId, lines);
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
  runStatements(db).setProgress.run({ runId, done, total });
}

export function setPaused(db: Db, taskId: string, paused: boolean): boolean {
  return db.orm.update(tasks).set({ paused }).where(eq(tasks.id, taskId)).run().changes > 0;
}

export function setSchedule(db: Db, taskId: string, s: ScheduleState): void {
  db.orm.update(tasks).set(s).where(eq(tasks.id, taskId)).run();
}
