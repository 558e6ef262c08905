// History at 1 000 000 runs on PostgreSQL, through the Engine API (what the dashboard and
// the CLI call), each case beside the same page fetched with a hand-written SELECT on a
// plain pg client: the same cases as bench/measure-history.ts for SQLite.
import pg from 'pg';
import type { Store } from '../../src/db/store.js';
import type { EngineApi } from '../../src/engine/api.js';
import type { HistoryQuery } from '../../src/engine/types.js';
import type { BenchContext } from '../lib/context.js';
import { openEngine } from '../lib/engine-harness.js';
import { OTHER_USERS } from '../lib/gen-config.js';
import { ROLE_OF_TYPE } from '../lib/gen-definitions.js';
import { round, summarize, type Summary } from '../lib/stats.js';
import { now, progress } from '../lib/timing.js';
import { countCases, describeTimes, historyTimes, type HistoryTimes } from '../lib/history-times.js';
import { pgDataset } from './databases.js';

const LIMIT = 50;

interface PgHistoryCase {
  name: string;
  label: string;
  user: 'admin' | 'role';
  query: HistoryQuery;
  raw: { sql: string; params: unknown[] };
}

export interface PgHistoryCaseResult {
  label: string;
  engine: Summary;
  raw: Summary;
  ratio: number;
  rows: number;
  sameRows: boolean;
}

export interface PgHistoryResult {
  cases: Record<string, PgHistoryCaseResult>;
  /**
   * The first page of the three tasks with the fewest runs, at the store (no user of the
   * dataset sees just those): the case where a plain IN (…) walks the whole history.
   */
  rareTasks: { store: Summary; plainIn: Summary; tasks: number; rows: number };
  count: { engine: Summary; raw: Summary; bound: number; value: number };
  /** Bounded counts of the time-range and by-user filters (issue 17). */
  counts: Record<string, { label: string; engine: Summary; raw: Summary; bound: number; value: number }>;
  times: Record<string, string>;
  /** The slowest case's median (ms), as for SQLite. */
  medianMs: number;
  p95Ms: number;
  ratioToRaw: number;
  worstCase: string;
  reps: number;
  dataset: { url: string; copiedNow: number; copyMs: number };
}

const page = (where: string, order: 'DESC' | 'ASC' = 'DESC') =>
  `SELECT * FROM runs ${where} ORDER BY id ${order} LIMIT ${LIMIT}`;

function buildCases(ctx: BenchContext, middleId: number, roleTasks: string[]): PgHistoryCase[] {
  const { defs } = ctx.million;
  const task = defs.tasks.find((t) => t.interval === '5m') ?? defs.tasks[0]!;
  const service = defs.services[1]!.id;
  return [
    {
      name: 'first',
      label: 'first page, no filter',
      user: 'admin',
      query: { limit: LIMIT },
      raw: { sql: page(''), params: [] },
    },
    {
      name: 'task',
      label: `task ${task.id}`,
      user: 'admin',
      query: { limit: LIMIT, taskId: task.id },
      raw: { sql: page('WHERE task_id = $1'), params: [task.id] },
    },
    {
      name: 'service',
      label: `service ${service}`,
      user: 'admin',
      query: { limit: LIMIT, service },
      raw: { sql: page('WHERE service_id = $1'), params: [service] },
    },
    {
      name: 'type',
      label: 'type leads',
      user: 'admin',
      query: { limit: LIMIT, type: 'leads' },
      raw: { sql: page('WHERE task_type = $1'), params: ['leads'] },
    },
    {
      name: 'errors',
      label: 'errors only',
      user: 'admin',
      query: { limit: LIMIT, outcome: 'errors' },
      raw: { sql: page(`WHERE outcome = 'error'`), params: [] },
    },
    {
      name: 'pageDown',
      label: 'page down (keyset, middle of the history)',
      user: 'admin',
      query: { limit: LIMIT, beforeId: middleId },
      raw: { sql: page('WHERE id < $1'), params: [middleId] },
    },
    {
      name: 'pageDownErrors',
      label: 'page down, errors only',
      user: 'admin',
      query: { limit: LIMIT, outcome: 'errors', beforeId: middleId },
      raw: { sql: page(`WHERE outcome = 'error' AND id < $1`), params: [middleId] },
    },
    {
      name: 'end',
      label: 'jump to the end (oldest page)',
      user: 'admin',
      query: { limit: LIMIT, oldest: true },
      raw: { sql: page('', 'ASC'), params: [] },
    },
    {
      name: 'endErrors',
      label: 'jump to the end, errors only',
      user: 'admin',
      query: { limit: LIMIT, outcome: 'errors', oldest: true },
      raw: { sql: page(`WHERE outcome = 'error'`, 'ASC'), params: [] },
    },
    {
      name: 'roleUser',
      label: `first page as a user who sees ${roleTasks.length} tasks`,
      user: 'role',
      query: { limit: LIMIT },
      raw: { sql: page('WHERE task_id = ANY($1)'), params: [roleTasks] },
    },
    {
      name: 'roleUserPageDown',
      label: 'page down as that user (middle of the history)',
      user: 'role',
      query: { limit: LIMIT, beforeId: middleId },
      raw: { sql: page('WHERE task_id = ANY($1) AND id < $2'), params: [roleTasks, middleId] },
    },
  ];
}

/**
 * Issue 17: history by time and by person. The raw form of a time range is the plain range
 * on started_at (the planner's choice); the stores read it as an id window instead
 * (src/db/history-time.ts), so a slow raw form shows what the window saves.
 */
function timeAndPersonCases(times: HistoryTimes, person: string, roleTasks: string[]): PgHistoryCase[] {
  const { night, week, month, monthMiddleId, personMiddleId } = times;
  return [
    {
      name: 'night',
      label: 'one night hour, a month ago',
      user: 'admin',
      query: { limit: LIMIT, since: night.since, until: night.until },
      raw: { sql: page('WHERE started_at >= $1 AND started_at < $2'), params: [night.since, night.until] },
    },
    {
      name: 'nightErrors',
      label: 'errors in that night hour',
      user: 'admin',
      query: { limit: LIMIT, since: night.since, until: night.until, outcome: 'errors' },
      raw: {
        sql: page(`WHERE started_at >= $1 AND started_at < $2 AND outcome = 'error'`),
        params: [night.since, night.until],
      },
    },
    {
      name: 'lastWeek',
      label: 'last 7 days, first page',
      user: 'admin',
      query: { limit: LIMIT, since: week.since },
      raw: { sql: page('WHERE started_at >= $1'), params: [week.since] },
    },
    {
      name: 'lastWeekEnd',
      label: 'last 7 days, jump to the end',
      user: 'admin',
      query: { limit: LIMIT, since: week.since, oldest: true },
      raw: { sql: page('WHERE started_at >= $1', 'ASC'), params: [week.since] },
    },
    {
      name: 'monthPageDown',
      label: 'a 30-day range, page down in its middle',
      user: 'admin',
      query: { limit: LIMIT, since: month.since, until: month.until, beforeId: monthMiddleId },
      raw: {
        sql: page('WHERE started_at >= $1 AND started_at < $2 AND id < $3'),
        params: [month.since, month.until, monthMiddleId],
      },
    },
    {
      name: 'byUser',
      label: `started by ${person}`,
      user: 'admin',
      query: { limit: LIMIT, startedBy: person },
      raw: { sql: page('WHERE started_by = $1'), params: [person] },
    },
    {
      name: 'byUserPageDown',
      label: `started by ${person}, page down in the middle`,
      user: 'admin',
      query: { limit: LIMIT, startedBy: person, beforeId: personMiddleId },
      raw: { sql: page('WHERE started_by = $1 AND id < $2'), params: [person, personMiddleId] },
    },
    {
      name: 'byUserMonth',
      label: `started by ${person}, in that 30-day range`,
      user: 'admin',
      query: { limit: LIMIT, startedBy: person, since: month.since, until: month.until },
      raw: {
        sql: page('WHERE started_by = $1 AND started_at >= $2 AND started_at < $3'),
        params: [person, month.since, month.until],
      },
    },
    {
      name: 'byScheduler',
      label: 'started by the scheduler',
      user: 'admin',
      query: { limit: LIMIT, startedBy: 'scheduler' },
      raw: { sql: page('WHERE started_by = $1'), params: ['scheduler'] },
    },
    {
      name: 'roleUserLastWeek',
      label: 'last 7 days as the role user',
      user: 'role',
      query: { limit: LIMIT, since: week.since },
      raw: { sql: page('WHERE task_id = ANY($1) AND started_at >= $2'), params: [roleTasks, week.since] },
    },
  ];
}

async function timeCase(
  engine: EngineApi,
  raw: pg.Client,
  c: PgHistoryCase,
  reps: number,
): Promise<PgHistoryCaseResult> {
  const engineMs: number[] = [];
  const rawMs: number[] = [];
  let rows = 0;
  let sameRows = true;
  const warmup = Math.min(20, reps);
  for (let i = 0; i < warmup + reps; i++) {
    const t0 = now();
    const got = await engine.history(c.query);
    const t1 = now();
    const expected = (await raw.query<{ id: string }>(c.raw.sql, c.raw.params)).rows.map((r) => Number(r.id));
    const t2 = now();
    if (i === 0) {
      rows = got.length;
      const wanted = c.query.oldest ? expected.reverse() : expected;
      sameRows = got.length === wanted.length && got.every((r, k) => r.id === wanted[k]);
    }
    if (i >= warmup) {
      engineMs.push(t1 - t0);
      rawMs.push(t2 - t1);
    }
  }
  const e = summarize(engineMs);
  const r = summarize(rawMs);
  return { label: c.label, engine: e, raw: r, ratio: round(e.medianMs / r.medianMs), rows, sameRows };
}

async function timeRareTasks(store: Store, raw: pg.Client, reps: number): Promise<PgHistoryResult['rareTasks']> {
  const rare = (
    await raw.query<{ task_id: string }>('SELECT task_id FROM runs GROUP BY task_id ORDER BY count(*), task_id LIMIT 3')
  ).rows.map((r) => r.task_id);
  const viaStore: number[] = [];
  const plain: number[] = [];
  let rows = 0;
  for (let i = 0; i < Math.max(10, Math.floor(reps / 10)); i++) {
    const t0 = now();
    rows = (await store.historyPage({ filter: { visibleTaskIds: rare }, limit: LIMIT })).length;
    const t1 = now();
    await raw.query(page('WHERE task_id = ANY($1)'), [rare]);
    plain.push(now() - t1);
    viaStore.push(t1 - t0);
  }
  return { store: summarize(viaStore), plainIn: summarize(plain), tasks: rare.length, rows };
}

/** `url`: a PostgreSQL server whose user may create databases; the dataset is copied there once. */
export async function measurePgHistory(url: string, ctx: BenchContext): Promise<PgHistoryResult> {
  const { million, historyReps } = ctx;
  progress('postgres history: the 1M-run dataset (copied with migrate-store the first time)');
  const dataset = await pgDataset(url, million.db);
  const roleUser = OTHER_USERS.find((u) => u.name === 'olga')!;
  const admin = await openEngine(dataset.url, million.config);
  const role = await openEngine(dataset.url, million.config, { user: roleUser.name });
  const raw = new pg.Client({ connectionString: dataset.url });
  await raw.connect();
  try {
    const maxId = Number((await raw.query<{ max: string }>('SELECT max(id)::text AS max FROM runs')).rows[0]?.max ?? 0);
    const roleTasks = million.defs.tasks.filter((t) => roleUser.roles.includes(ROLE_OF_TYPE[t.type]!)).map((t) => t.id);
    const person = roleUser.name;
    const times = await historyTimes(million.generatedAt, person, {
      firstIdFrom: async (at) =>
        Number(
          (
            await raw.query<{ id: string }>(
              'SELECT id::text FROM runs WHERE started_at >= $1 ORDER BY started_at LIMIT 1',
              [at],
            )
          ).rows[0]?.id ?? 0,
        ),
      middleIdOf: async (who) => {
        const n = Number(
          (await raw.query<{ n: string }>('SELECT count(*)::text AS n FROM runs WHERE started_by = $1', [who])).rows[0]
            ?.n ?? 0,
        );
        return Number(
          (
            await raw.query<{ id: string }>(
              'SELECT id::text FROM runs WHERE started_by = $1 ORDER BY id OFFSET $2 LIMIT 1',
              [who, Math.floor(n / 2)],
            )
          ).rows[0]?.id ?? 0,
        );
      },
    });
    const results: Record<string, PgHistoryCaseResult> = {};
    for (const c of [
      ...buildCases(ctx, Math.floor(maxId / 2), roleTasks),
      ...timeAndPersonCases(times, person, roleTasks),
    ]) {
      progress(`postgres history: ${c.label} (${historyReps}×)`);
      results[c.name] = await timeCase(c.user === 'admin' ? admin.engine : role.engine, raw, c, historyReps);
    }

    progress('postgres history: bounded count of errors');
    const bound = 10_000;
    const ce: number[] = [];
    const cr: number[] = [];
    let value = 0;
    for (let i = 0; i < Math.max(20, Math.floor(historyReps / 4)); i++) {
      const t0 = now();
      value = await admin.engine.countHistory({ outcome: 'errors' }, bound);
      const t1 = now();
      await raw.query(`SELECT count(*) FROM (SELECT 1 FROM runs WHERE outcome = 'error' LIMIT ${bound + 1}) capped`);
      cr.push(now() - t1);
      ce.push(t1 - t0);
    }

    const counts: PgHistoryResult['counts'] = {};
    const counted = countCases(times, person, (n) => `$${n}`);
    for (const c of counted) {
      progress(`postgres history: bounded count, ${c.label}`);
      const e: number[] = [];
      const r: number[] = [];
      let n = 0;
      for (let i = 0; i < Math.max(20, Math.floor(historyReps / 4)); i++) {
        const t0 = now();
        n = await admin.engine.countHistory(c.query, bound);
        const t1 = now();
        const want = Number(
          (
            await raw.query<{ n: string }>(
              `SELECT count(*)::text AS n FROM (SELECT 1 FROM runs WHERE ${c.sql} LIMIT ${bound + 1}) capped`,
              c.params,
            )
          ).rows[0]?.n,
        );
        r.push(now() - t1);
        e.push(t1 - t0);
        if (want !== n) throw new Error(`count ${c.name}: engine ${n}, raw ${want}`);
      }
      counts[c.name] = { label: c.label, engine: summarize(e), raw: summarize(r), bound, value: n };
    }

    progress('postgres history: the tasks with the fewest runs');
    const rareTasks = await timeRareTasks(admin.store, raw, historyReps);

    const all = Object.entries(results);
    const worst = all.reduce((a, b) => (b[1].engine.medianMs > a[1].engine.medianMs ? b : a));
    return {
      cases: results,
      rareTasks,
      count: { engine: summarize(ce), raw: summarize(cr), bound, value },
      counts,
      times: describeTimes(times),
      medianMs: worst[1].engine.medianMs,
      p95Ms: Math.max(...all.map(([, r]) => r.engine.p95Ms)),
      ratioToRaw: Math.max(...all.map(([, r]) => r.ratio)),
      worstCase: worst[0],
      reps: historyReps,
      dataset: { url: admin.store.location, copiedNow: dataset.copied, copyMs: Math.round(dataset.ms) },
    };
  } finally {
    await raw.end();
    await role.close();
    await admin.close();
  }
}
