// The ring of recent outcomes kept on each task row (src/db/recent.ts), on every store:
// every way a run ends appends it once, oldest first, at most RECENT_MAX, and the
// migration fills it from the history a database already has.
import { readdirSync, readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  decodeRecent,
  openStore,
  RECENT_MAX,
  type RunRow,
  type StartRunResult,
  type Store,
} from '../../src/db/index.js';
import { finishInput, MINUTE, serviceDef, startInput, T0, taskDef } from '../helpers/db-fixtures.js';
import { pgQuery, STORE_KINDS, useStoreLocation, type StoreLocation } from '../helpers/stores.js';

/** The migration that fills the rings (NNNN_backfill_recent.sql; its number moves when migrations land before it). */
function backfillSql(folder: 'drizzle' | 'drizzle-pg'): string {
  const files = readdirSync(folder).filter((f) => f.endsWith('_backfill_recent.sql'));
  if (files.length !== 1) throw new Error(`expected one *_backfill_recent.sql in ${folder}, found ${files.length}`);
  return readFileSync(`${folder}/${files[0]}`, 'utf8');
}

/** Runs the migration that fills the rings again, past the store, after emptying them. */
async function backfillAgain(where: StoreLocation): Promise<void> {
  const text = backfillSql(where.kind === 'sqlite' ? 'drizzle' : 'drizzle-pg');
  if (where.kind === 'sqlite') {
    const raw = new Database(where.location);
    try {
      raw.exec(`UPDATE tasks SET recent = '[]'; ${text}`);
    } finally {
      raw.close();
    }
    return;
  }
  await pgQuery(where.location, `UPDATE tasks SET recent = '[]'`);
  await pgQuery(where.location, text);
}

const TTL = 30_000;
const DAY_AFTER = 24 * 60 * MINUTE;

function started(r: StartRunResult): { run: RunRow; epoch: number } {
  if (!r.started) throw new Error(`expected the run to start, got ${JSON.stringify(r)}`);
  return r;
}

describe.each(STORE_KINDS)('%s store', (kind) => {
  const db = useStoreLocation(kind, 'syncdeck-recent-');
  let store: Store;

  beforeEach(async () => {
    store = openStore(db().location);
    await store.syncDefinitions(
      [serviceDef('tel')],
      [taskDef('calls', 'tel'), taskDef('leads', 'tel', { type: 'leads' })],
      T0,
    );
  });
  afterEach(async () => {
    await store.close();
  });

  const ring = async (taskId: string) => decodeRecent((await store.getTask(taskId))!.recent);

  /** One run of `taskId` from `at`, ended after `ms` with `outcome`. */
  async function runOnce(
    taskId: string,
    at: number,
    ms: number,
    outcome: 'success' | 'warning' | 'error' | 'cancelled',
  ): Promise<number> {
    const { run, epoch } = started(await store.startRun(startInput(taskId, 'i1', at)));
    expect(await store.finishRun(finishInput(run, epoch, at + ms, outcome))).toBe(true);
    return run.id;
  }

  it('a new task has an empty ring; a running run is not in it', async () => {
    expect((await store.getTask('calls'))!.recent).toBe('[]');
    started(await store.startRun(startInput('calls', 'i1', T0)));
    expect(await ring('calls')).toEqual([]);
  });

  it('finishRun appends the outcome and the duration, oldest first, per task', async () => {
    const a = await runOnce('calls', T0, 1200, 'success');
    const b = await runOnce('calls', T0 + MINUTE, 30_500, 'error');
    const c = await runOnce('leads', T0 + MINUTE, 50, 'warning');
    const d = await runOnce('calls', T0 + 2 * MINUTE, 10, 'cancelled');
    expect(await ring('calls')).toEqual([
      { runId: a, outcome: 'success', durationMs: 1200 },
      { runId: b, outcome: 'error', durationMs: 30_500 },
      { runId: d, outcome: 'cancelled', durationMs: 10 },
    ]);
    expect(await ring('leads')).toEqual([{ runId: c, outcome: 'warning', durationMs: 50 }]);
  });

  it(`keeps only the last ${RECENT_MAX} runs`, async () => {
    const ids: number[] = [];
    for (let i = 0; i < RECENT_MAX + 3; i++)
      ids.push(await runOnce('calls', T0 + i * MINUTE, i + 1, i % 4 === 3 ? 'error' : 'success'));
    const kept = await ring('calls');
    expect(kept).toHaveLength(RECENT_MAX);
    expect(kept.map((e) => e.runId)).toEqual(ids.slice(-RECENT_MAX));
    expect(kept.at(-1)).toEqual({ runId: ids.at(-1), outcome: 'success', durationMs: RECENT_MAX + 3 });
  });

  it('a takeover of an expired lease records the abandoned run as interrupted', async () => {
    const first = started(await store.startRun(startInput('calls', 'i1', T0)));
    started(await store.startRun(startInput('calls', 'i2', T0 + TTL + 1)));
    expect(await ring('calls')).toEqual([{ runId: first.run.id, outcome: 'interrupted', durationMs: TTL + 1 }]);
    // The fenced-out instance ends it late: recorded once, as the takeover left it.
    expect(await store.finishRun(finishInput(first.run, first.epoch, T0 + TTL + 5, 'success'))).toBe(false);
    expect(await ring('calls')).toEqual([{ runId: first.run.id, outcome: 'interrupted', durationMs: TTL + 1 }]);
  });

  it('a run fenced out that nobody closed ends interrupted in the ring', async () => {
    const first = started(await store.startRun(startInput('calls', 'i1', T0)));
    expect(await store.freeLeasesOf(['i1'])).toBe(1);
    expect(await store.finishRun(finishInput(first.run, first.epoch, T0 + 700, 'success'))).toBe(false);
    expect(await ring('calls')).toEqual([{ runId: first.run.id, outcome: 'interrupted', durationMs: 700 }]);
  });

  it('recovery records every orphaned run; a run it finds already closed is not recorded twice', async () => {
    const old = started(await store.startRun(startInput('calls', 'i1', T0)));
    await store.freeLeasesOf(['i1']);
    // Starting again closes the run the freed lease still points at.
    const newer = started(await store.startRun(startInput('calls', 'i2', T0 + 100)));
    await store.freeLeasesOf(['i2']);
    const other = started(await store.startRun(startInput('leads', 'i2', T0 + 200)));
    await store.freeLeasesOf(['i2']);
    const orphans = await store.interruptOrphanRuns(T0 + 1000, 'gone', T0 + 2000);
    expect(orphans.map((r) => r.id).sort((a, b) => a - b)).toEqual([newer.run.id, other.run.id]);
    expect(await ring('calls')).toEqual([
      { runId: old.run.id, outcome: 'interrupted', durationMs: 100 },
      { runId: newer.run.id, outcome: 'interrupted', durationMs: 900 },
    ]);
    expect(await ring('leads')).toEqual([{ runId: other.run.id, outcome: 'interrupted', durationMs: 800 }]);
    expect(await store.getTask('calls')).toMatchObject({ lastOutcome: 'interrupted', lastRunId: newer.run.id });
    expect(await store.interruptOrphanRuns(T0 + 3000, 'gone', T0 + 4000)).toEqual([]);
    expect(await ring('calls')).toHaveLength(2);
  });

  it('the migration fills the rings from the history already there, as finishing the runs did', async () => {
    for (let i = 0; i < RECENT_MAX + 2; i++)
      await runOnce('calls', T0 + i * MINUTE, 100 + i, i % 5 === 4 ? 'error' : 'success');
    await runOnce('leads', T0, 42, 'warning');
    started(await store.startRun(startInput('calls', 'i1', T0 + DAY_AFTER)));
    const calls = await ring('calls');
    const leads = await ring('leads');
    await store.close();
    await backfillAgain(db());
    store = openStore(db().location);
    expect(await ring('calls')).toEqual(calls);
    expect(await ring('leads')).toEqual(leads);
  });
});
