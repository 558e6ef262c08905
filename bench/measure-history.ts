// 3. History at 1 000 000 runs through the Engine API (what the dashboard and the CLI
// call), each case beside the same page fetched with a hand-written indexed SELECT on
// better-sqlite3. Engine and raw calls alternate, so both see the same cache state.
import Database from 'better-sqlite3';
import type { EngineApi } from '../src/engine/api.js';
import type { HistoryQuery } from '../src/engine/types.js';
import type { BenchContext } from './lib/context.js';
import { openEngine } from './lib/engine-harness.js';
import { OTHER_USERS } from './lib/gen-config.js';
import { ROLE_OF_TYPE } from './lib/gen-definitions.js';
import { round, summarize, type Summary } from './lib/stats.js';
import { now, progress } from './lib/timing.js';
import { countCases, describeTimes, historyTimes, type HistoryTimes } from './lib/history-times.js';

const LIMIT = 50;
const TOP = Number.MAX_SAFE_INTEGER;

interface RawQuery {
  sql: string;
  params: unknown[];
  /** Further queries of the same form whose rows join this one's, newest (or oldest) LIMIT of all kept, as by hand. */
  merged?: { sql: string; params: unknown[] }[];
}

/** What "errors" means in the product (src/engine/selection.ts): an error or an interrupted run. */
const ERROR_OUTCOMES = ['error', 'interrupted'] as const;

/**
 * The errors filter by hand, every equivalent way: one query over both outcomes, and one
 * keyset query per outcome merged by id (what an index on (outcome, id) answers without a sort).
 */
function errorsForms(forms: (outcome: string) => RawQuery[]): RawQuery[] {
  const both = `outcome IN (${ERROR_OUTCOMES.map((o) => `'${o}'`).join(', ')})`;
  const perOutcome = ERROR_OUTCOMES.map((o) => forms(`outcome = '${o}'`));
  return [
    ...forms(both),
    ...forms(`+${both}`),
    ...perOutcome[0]!.map((first, k) => ({ ...first, merged: perOutcome.slice(1).map((f) => f[k]!) })),
  ];
}

interface HistoryCase {
  name: string;
  label: string;
  user: 'admin' | 'role';
  query: HistoryQuery;
  /** Equivalent hand-written queries; the fastest is the baseline. */
  raw: RawQuery[];
}

export interface HistoryCaseResult {
  label: string;
  engine: Summary;
  raw: Summary;
  ratio: number;
  rows: number;
  sameRows: boolean;
  /** The raw query the engine was compared with (the fastest equivalent form). */
  rawSql: string;
}

export interface CountResult {
  label: string;
  engine: Summary;
  raw: Summary;
  bound: number;
  value: number;
}

export interface HistoryResult {
  cases: Record<string, HistoryCaseResult>;
  count: { engine: Summary; raw: Summary; bound: number; value: number };
  /** Bounded counts of the time-range and by-user filters (issue 17). */
  counts: Record<string, CountResult>;
  /** The time ranges measured, as local times. */
  times: Record<string, string>;
  medianMs: number;
  p95Ms: number;
  ratioToRaw: number;
  worstCase: string;
  reps: number;
  roleUser: { name: string; visibleTasks: number };
}

const page = (where: string, order: 'DESC' | 'ASC' = 'DESC') =>
  `SELECT * FROM runs ${where} ORDER BY id ${order} LIMIT ${LIMIT}`;

/**
 * A time range by hand, two ways: as a plain range on started_at (the planner's choice), and
 * read along the ids inside the range's id window, as the stores do (src/db/history-time.ts).
 */
function rangeForms(since: number, until: number | null, rest: string, params: unknown[], belowId = TOP): RawQuery[] {
  const slack = 3_600_000;
  const plain = `started_at >= ?${until === null ? '' : ' AND started_at < ?'} AND id < ?`;
  const low =
    'id > coalesce((SELECT b.id FROM runs b WHERE b.started_at < ? ORDER BY b.started_at DESC LIMIT 1), 0) AND +started_at >= ?';
  const high =
    until === null
      ? ' AND id < ?'
      : ' AND id < min(coalesce((SELECT b.id FROM runs b WHERE b.started_at >= ? ORDER BY b.started_at ASC LIMIT 1), 9007199254740991), ?) AND +started_at < ?';
  const and = rest ? ` AND ${rest}` : '';
  return [
    { sql: page(`WHERE ${plain}${and}`), params: [since, ...(until === null ? [] : [until]), belowId, ...params] },
    {
      sql: page(`WHERE ${low}${high}${and}`),
      params: [since - slack, since, ...(until === null ? [belowId] : [until + slack, belowId, until]), ...params],
    },
  ];
}

/** The same as rangeForms, for the oldest page (End). */
function rangeFormsAsc(since: number, rest: string, params: unknown[]): RawQuery[] {
  const forms = rangeForms(since, null, rest, params);
  return forms.map((f) => ({ ...f, sql: f.sql.replace('ORDER BY id DESC', 'ORDER BY id ASC') }));
}

/** Issue 17: history by time and by person. */
function timeAndPersonCases(times: HistoryTimes, person: string, roleTasks: string[]): HistoryCase[] {
  const { night, week, month, monthMiddleId, personMiddleId } = times;
  return [
    {
      name: 'night',
      label: 'one night hour, a month ago',
      user: 'admin',
      query: { limit: LIMIT, since: night.since, until: night.until },
      raw: rangeForms(night.since, night.until, '', []),
    },
    {
      name: 'nightErrors',
      label: 'errors in that night hour',
      user: 'admin',
      query: { limit: LIMIT, since: night.since, until: night.until, outcome: 'errors' },
      raw: errorsForms((outcome) => rangeForms(night.since, night.until, outcome, [])),
    },
    {
      name: 'lastWeek',
      label: 'last 7 days, first page',
      user: 'admin',
      query: { limit: LIMIT, since: week.since },
      raw: rangeForms(week.since, null, '', []),
    },
    {
      name: 'lastWeekEnd',
      label: 'last 7 days, jump to the end',
      user: 'admin',
      query: { limit: LIMIT, since: week.since, oldest: true },
      raw: rangeFormsAsc(week.since, '', []),
    },
    {
      name: 'monthPageDown',
      label: 'a 30-day range, page down in its middle',
      user: 'admin',
      query: { limit: LIMIT, since: month.since, until: month.until, beforeId: monthMiddleId },
      raw: rangeForms(month.since, month.until, '', [], monthMiddleId),
    },
    {
      name: 'byUser',
      label: `started by ${person}`,
      user: 'admin',
      query: { limit: LIMIT, startedBy: person },
      raw: [{ sql: page('WHERE started_by = ? AND id < ?'), params: [person, TOP] }],
    },
    {
      name: 'byUserPageDown',
      label: `started by ${person}, page down in the middle`,
      user: 'admin',
      query: { limit: LIMIT, startedBy: person, beforeId: personMiddleId },
      raw: [{ sql: page('WHERE started_by = ? AND id < ?'), params: [person, personMiddleId] }],
    },
    {
      name: 'byUserMonth',
      label: `started by ${person}, in that 30-day range`,
      user: 'admin',
      query: { limit: LIMIT, startedBy: person, since: month.since, until: month.until },
      raw: rangeForms(month.since, month.until, 'started_by = ?', [person]),
    },
    {
      name: 'byScheduler',
      label: 'started by the scheduler',
      user: 'admin',
      query: { limit: LIMIT, startedBy: 'scheduler' },
      raw: [{ sql: page('WHERE started_by = ? AND id < ?'), params: ['scheduler', TOP] }],
    },
    {
      name: 'roleUserLastWeek',
      label: 'last 7 days as the role user',
      user: 'role',
      query: { limit: LIMIT, since: week.since },
      raw: [
        ...rangeForms(week.since, null, `task_id IN (${roleTasks.map(() => '?').join(', ')})`, roleTasks),
        ...rangeForms(week.since, null, `+task_id IN (${roleTasks.map(() => '?').join(', ')})`, roleTasks),
      ],
    },
  ];
}

function buildCases(ctx: BenchContext, middleId: number, roleTasks: string[]): HistoryCase[] {
  const { defs } = ctx.million;
  // A task with a five-minute interval: a typical share of the history.
  const task = defs.tasks.find((t) => t.interval === '5m') ?? defs.tasks[0]!;
  const service = defs.services[1]!.id;
  const type = 'leads';
  const inList = roleTasks.map(() => '?').join(', ');
  return [
    {
      name: 'first',
      label: 'first page, no filter',
      user: 'admin',
      query: { limit: LIMIT },
      raw: [{ sql: page('WHERE id < ?'), params: [TOP] }],
    },
    {
      name: 'task',
      label: `task ${task.id}`,
      user: 'admin',
      query: { limit: LIMIT, taskId: task.id },
      raw: [{ sql: page('WHERE task_id = ? AND id < ?'), params: [task.id, TOP] }],
    },
    {
      name: 'service',
      label: `service ${service}`,
      user: 'admin',
      query: { limit: LIMIT, service },
      raw: [{ sql: page('WHERE service_id = ? AND id < ?'), params: [service, TOP] }],
    },
    {
      name: 'type',
      label: `type ${type}`,
      user: 'admin',
      query: { limit: LIMIT, type },
      raw: [{ sql: page('WHERE task_type = ? AND id < ?'), params: [type, TOP] }],
    },
    {
      name: 'errors',
      label: 'errors only',
      user: 'admin',
      query: { limit: LIMIT, outcome: 'errors' },
      raw: errorsForms((outcome) => [{ sql: page(`WHERE ${outcome} AND id < ?`), params: [TOP] }]),
    },
    {
      name: 'pageDown',
      label: 'page down (keyset, middle of the history)',
      user: 'admin',
      query: { limit: LIMIT, beforeId: middleId },
      raw: [{ sql: page('WHERE id < ?'), params: [middleId] }],
    },
    {
      name: 'pageDownErrors',
      label: 'page down, errors only',
      user: 'admin',
      query: { limit: LIMIT, outcome: 'errors', beforeId: middleId },
      raw: errorsForms((outcome) => [{ sql: page(`WHERE ${outcome} AND id < ?`), params: [middleId] }]),
    },
    {
      name: 'end',
      label: 'jump to the end (oldest page)',
      user: 'admin',
      query: { limit: LIMIT, oldest: true },
      raw: [{ sql: page('', 'ASC'), params: [] }],
    },
    {
      name: 'endErrors',
      label: 'jump to the end, errors only',
      user: 'admin',
      query: { limit: LIMIT, outcome: 'errors', oldest: true },
      raw: errorsForms((outcome) => [{ sql: page(`WHERE ${outcome}`, 'ASC'), params: [] }]),
    },
    {
      name: 'roleUser',
      label: `first page as a user who sees ${roleTasks.length} tasks`,
      user: 'role',
      query: { limit: LIMIT },
      raw: [
        { sql: page(`WHERE task_id IN (${inList}) AND id < ?`), params: [...roleTasks, TOP] },
        // "+" keeps SQLite on the primary key, reading newest first until 50 match.
        { sql: page(`WHERE +task_id IN (${inList}) AND id < ?`), params: [...roleTasks, TOP] },
      ],
    },
    {
      name: 'roleUserPageDown',
      label: 'page down as that user (middle of the history)',
      user: 'role',
      query: { limit: LIMIT, beforeId: middleId },
      raw: [
        { sql: page(`WHERE task_id IN (${inList}) AND id < ?`), params: [...roleTasks, middleId] },
        { sql: page(`WHERE +task_id IN (${inList}) AND id < ?`), params: [...roleTasks, middleId] },
      ],
    },
  ];
}

async function timeCase(
  engine: EngineApi,
  raw: Database.Database,
  c: HistoryCase,
  reps: number,
): Promise<HistoryCaseResult> {
  const oldestFirst = c.query.oldest === true;
  const runners = c.raw.map((q) => {
    const parts = [q, ...(q.merged ?? [])].map((part) => ({ stmt: raw.prepare(part.sql), params: part.params }));
    if (parts.length === 1) return () => parts[0]!.stmt.all(...parts[0]!.params) as { id: number }[];
    return () =>
      parts
        .flatMap((part) => part.stmt.all(...part.params) as { id: number }[])
        .sort((a, b) => (oldestFirst ? a.id - b.id : b.id - a.id))
        .slice(0, LIMIT);
  });
  // Pick the fastest equivalent raw form on a short trial.
  const trial = runners.map((run) => {
    const t = now();
    for (let i = 0; i < 5; i++) run();
    return now() - t;
  });
  const bestIndex = trial.indexOf(Math.min(...trial));
  const best = runners[bestIndex]!;
  const engineMs: number[] = [];
  const rawMs: number[] = [];
  let rows = 0;
  let sameRows = true;
  const warmup = Math.min(20, reps);
  for (let i = 0; i < warmup + reps; i++) {
    const t0 = now();
    const got = await engine.history(c.query);
    const t1 = now();
    const expected = best();
    const t2 = now();
    if (i === 0) {
      rows = got.length;
      const wanted = c.query.oldest ? expected.map((r) => r.id).reverse() : expected.map((r) => r.id);
      sameRows = got.length === wanted.length && got.every((r, k) => r.id === wanted[k]);
    }
    if (i >= warmup) {
      engineMs.push(t1 - t0);
      rawMs.push(t2 - t1);
    }
  }
  const e = summarize(engineMs);
  const r = summarize(rawMs);
  const chosen = c.raw[bestIndex]!;
  const rawSql = [chosen, ...(chosen.merged ?? [])].map((q) => q.sql.replace(/\?(, \?)+/, '?, …')).join(' ∪ ');
  return { label: c.label, engine: e, raw: r, ratio: round(e.medianMs / r.medianMs), rows, sameRows, rawSql };
}

export async function measureHistory(ctx: BenchContext): Promise<HistoryResult> {
  const { million, historyReps } = ctx;
  const roleUser = OTHER_USERS.find((u) => u.name === 'olga')!;
  const admin = await openEngine(million.db, million.config);
  const role = await openEngine(million.db, million.config, { user: roleUser.name });
  const raw = new Database(million.db, { readonly: true });
  try {
    const maxId = raw.prepare('SELECT max(id) FROM runs').pluck().get() as number;
    const roleTasks = million.defs.tasks.filter((t) => roleUser.roles.includes(ROLE_OF_TYPE[t.type]!)).map((t) => t.id);
    const person = roleUser.name;
    const times = await historyTimes(million.generatedAt, person, {
      firstIdFrom: async (at) =>
        raw.prepare('SELECT id FROM runs WHERE started_at >= ? ORDER BY started_at LIMIT 1').pluck().get(at) as number,
      middleIdOf: async (who) => {
        const n = raw.prepare('SELECT count(*) FROM runs WHERE started_by = ?').pluck().get(who) as number;
        return raw
          .prepare('SELECT id FROM runs WHERE started_by = ? ORDER BY id LIMIT 1 OFFSET ?')
          .pluck()
          .get(who, Math.floor(n / 2)) as number;
      },
    });
    const cases = [
      ...buildCases(ctx, Math.floor(maxId / 2), roleTasks),
      ...timeAndPersonCases(times, person, roleTasks),
    ];
    const results: Record<string, HistoryCaseResult> = {};
    for (const c of cases) {
      progress(`history: ${c.label} (${historyReps}×)`);
      results[c.name] = await timeCase(c.user === 'admin' ? admin.engine : role.engine, raw, c, historyReps);
    }

    progress('history: bounded count of errors');
    const bound = 10_000;
    const countStmt = raw
      .prepare(
        `SELECT count(*) FROM (SELECT 1 FROM runs WHERE outcome IN (${ERROR_OUTCOMES.map((o) => `'${o}'`).join(', ')}) LIMIT ${bound + 1})`,
      )
      .pluck();
    const ce: number[] = [];
    const cr: number[] = [];
    let value = 0;
    for (let i = 0; i < Math.max(20, Math.floor(historyReps / 4)); i++) {
      const t0 = now();
      value = await admin.engine.countHistory({ outcome: 'errors' }, bound);
      const t1 = now();
      countStmt.get();
      cr.push(now() - t1);
      ce.push(t1 - t0);
    }

    const counts: Record<string, CountResult> = {};
    const counted = countCases(times, person, () => '?');
    for (const c of counted) {
      progress(`history: bounded count, ${c.label}`);
      const stmt = raw.prepare(`SELECT count(*) FROM (SELECT 1 FROM runs WHERE ${c.sql} LIMIT ${bound + 1})`).pluck();
      const e: number[] = [];
      const r: number[] = [];
      let n = 0;
      for (let i = 0; i < Math.max(20, Math.floor(historyReps / 4)); i++) {
        const t0 = now();
        n = await admin.engine.countHistory(c.query, bound);
        const t1 = now();
        const want = stmt.get(...c.params) as number;
        r.push(now() - t1);
        e.push(t1 - t0);
        if (want !== n) throw new Error(`count ${c.name}: engine ${n}, raw ${want}`);
      }
      counts[c.name] = { label: c.label, engine: summarize(e), raw: summarize(r), bound, value: n };
    }

    const all = Object.entries(results);
    const worst = all.reduce((a, b) => (b[1].engine.medianMs > a[1].engine.medianMs ? b : a));
    return {
      cases: results,
      count: { engine: summarize(ce), raw: summarize(cr), bound, value },
      counts,
      times: describeTimes(times),
      medianMs: worst[1].engine.medianMs,
      p95Ms: Math.max(...all.map(([, r]) => r.engine.p95Ms)),
      ratioToRaw: Math.max(...all.map(([, r]) => r.ratio)),
      worstCase: worst[0],
      reps: historyReps,
      roleUser: { name: roleUser.name, visibleTasks: roleTasks.length },
    };
  } finally {
    raw.close();
    await role.close();
    await admin.close();
  }
}
