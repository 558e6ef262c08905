// Group commit on SQLite (../group-commit.ts): the starts, and the ends, that the store
// received in one turn of the event loop, committed in one IMMEDIATE transaction with each
// call in a savepoint of its own (docs/ARCHITECTURE.md, Leases).
import type { FinishRunInput, StartRunInput, StartRunResult } from '../../types.js';
import { startRefusal } from '../../start-check.js';
import { settleIn, type Settled } from '../group-commit.js';
import type { Db } from './db.js';
import { finishRun, runTransactions, startRun } from './leases.js';
import { preparedFor } from './prepared.js';
import { runStatements } from './run-statements.js';

/** Called inside the batch's transaction, each of `start` and `finish` runs in a savepoint. */
const batchTransactions = preparedFor((db: Db) => {
  const { start, finish } = runTransactions(db);
  return {
    startMany: db.raw.transaction((inputs: readonly StartRunInput[]) =>
      inputs.map((i) => settleIn(db.raw, () => start(i))),
    ),
    finishMany: db.raw.transaction((fs: readonly FinishRunInput[]) => fs.map((f) => settleIn(db.raw, () => finish(f)))),
  };
});

/**
 * Several starts in one write transaction (group commit, ../group-commit.ts): each its own
 * savepoint, so one that throws is rolled back alone. The early looks come first, without
 * the lock; only the starts they do not refuse take it.
 */
export function startRuns(db: Db, inputs: readonly StartRunInput[]): Settled<StartRunResult>[] {
  if (inputs.length === 1) return [{ ok: true, value: startRun(db, inputs[0]!) }];
  const task = runStatements(db).task;
  const results: (Settled<StartRunResult> | undefined)[] = inputs.map((input) => {
    const early = startRefusal(task.get(input.taskId), input);
    return early ? { ok: true, value: early } : undefined;
  });
  const open = inputs.filter((_, i) => results[i] === undefined);
  if (open.length === 0) return results as Settled<StartRunResult>[];
  const started = batchTransactions(db).startMany.immediate(open);
  let next = 0;
  return results.map((r) => r ?? started[next++]!);
}

/** Several ends in one write transaction (group commit), each its own savepoint. */
export function finishRuns(db: Db, fs: readonly FinishRunInput[]): Settled<boolean>[] {
  if (fs.length === 1) return [{ ok: true, value: finishRun(db, fs[0]!) }];
  return batchTransactions(db).finishMany.immediate(fs);
}
