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

const LIMIT = 50;
const TOP = Number.MAX_SAFE_INTEGER;

interface RawQuery {
  sql: string;
  params: unknown[];
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

export interface HistoryResult {
  cases: Record<string, HistoryCaseResult>;
  count: { engine: Summary; raw: Summary; bound: number; value: number };
  medianMs: number;
  p95Ms: number;
  ratioToRaw: number;
  worstCase: string;
  reps: number;
  roleUser: { name: string; visibleTasks: number };
}

const page = (where: string, order: 'DESC' | 'ASC' = 'DESC') => `SELECT * FROM runs ${where} ORDER BY id ${order} LIMIT ${LIMIT}`;

function buildCases(ctx: BenchContext, middleId: number, roleTasks: string[]): HistoryCase[] {
  const { defs } = ctx.million;
  // A task with a five-minute interval: a typical share of the history.
  const task = defs.tasks.find((t) => t.interval === '5m') ?? defs.tasks[0]!;
  const service = defs.services[1]!.id;
  const type = 'leads';
  const inList = roleTasks.map(() => '?').join(', ');
  return [
    { name: 'first', label: 'first page, no filter', user: 'admin', query: { limit: LIMIT }, raw: [{ sql: page('WHERE id < ?'), params: [TOP] }] },
    { name: 'task', label: `task ${task.id}`, user: 'admin', query: { limit: LIMIT, taskId: task.id }, raw: [{ sql: page('WHERE task_id = ? AND id < ?'), params: [task.id, TOP] }] },
    { name: 'service', label: `service ${service}`, user: 'admin', query: { limit: LIMIT, service }, raw: [{ sql: page('WHERE service_id = ? AND id < ?'), params: [service, TOP] }] },
    { name: 'type', label: `type ${type}`, user: 'admin', query: { limit: LIMIT, type }, raw: [{ sql: page('WHERE task_type = ? AND id < ?'), params: [type, TOP] }] },
    { name: 'errors', label: 'errors only', user: 'admin', query: { limit: LIMIT, outcome: 'errors' }, raw: [{ sql: page(`WHERE outcome = 'error' AND id < ?`), params: [TOP] }] },
    { name: 'pageDown', label: 'page down (keyset, middle of the history)', user: 'admin', query: { limit: LIMIT, beforeId: middleId }, raw: [{ sql: page('WHERE id < ?'), params: [middleId] }] },
    {
      name: 'pageDownErrors',
      label: 'page down, errors only',
      user: 'admin',
      query: { limit: LIMIT, outcome: 'errors', beforeId: middleId },
      raw: [{ sql: page(`WHERE outcome = 'error' AND id < ?`), params: [middleId] }],
    },
    { name: 'end', label: 'jump to the end (oldest page)', user: 'admin', query: { limit: LIMIT, oldest: true }, raw: [{ sql: page('', 'ASC'), params: [] }] },
    {
      name: 'endErrors',
      label: 'jump to the end, errors only',
      user: 'admin',
      query: { limit: LIMIT, outcome: 'errors', oldest: true },
      raw: [{ sql: page(`WHERE outcome = 'error'`, 'ASC'), params: [] }],
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

async function timeCase(engine: EngineApi, raw: Database.Database, c: HistoryCase, reps: number): Promise<HistoryCaseResult> {
  const statements = c.raw.map((q) => ({ stmt: raw.prepare(q.sql), params: q.params }));
  // Pick the fastest equivalent raw form on a short trial.
  const trial = statements.map((s) => {
    const t = now();
    for (let i = 0; i < 5; i++) s.stmt.all(...s.params);
    return now() - t;
  });
  const bestIndex = trial.indexOf(Math.min(...trial));
  const best = statements[bestIndex]!;
  const engineMs: number[] = [];
  const rawMs: number[] = [];
  let rows = 0;
  let sameRows = true;
  const warmup = Math.min(20, reps);
  for (let i = 0; i < warmup + reps; i++) {
    const t0 = now();
    const got = await engine.history(c.query);
    const t1 = now();
    const expected = best.stmt.all(...best.params) as { id: number }[];
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
  const rawSql = c.raw[bestIndex]!.sql.replace(/\?(, \?)+/, '?, …');
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
    const cases = buildCases(ctx, Math.floor(maxId / 2), roleTasks);
    const results: Record<string, HistoryCaseResult> = {};
    for (const c of cases) {
      progress(`history: ${c.label} (${historyReps}×)`);
      results[c.name] = await timeCase(c.user === 'admin' ? admin.engine : role.engine, raw, c, historyReps);
    }

    progress('history: bounded count of errors');
    const bound = 10_000;
    const countStmt = raw.prepare(`SELECT count(*) FROM (SELECT 1 FROM runs WHERE outcome = 'error' LIMIT ${bound + 1})`).pluck();
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

    const all = Object.entries(results);
    const worst = all.reduce((a, b) => (b[1].engine.medianMs > a[1].engine.medianMs ? b : a));
    return {
      cases: results,
      count: { engine: summarize(ce), raw: summarize(cr), bound, value },
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
