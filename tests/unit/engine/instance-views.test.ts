// Instance rows → the live instances the Instances screen and `syncdeck instances` show,
// and task rows' rings → the recent runs of the task list (pure, no store).
import { describe, expect, test } from 'vitest';
import { decodeRecent, encodeRecent, RECENT_MAX, type InstanceRow, type TaskRow } from '../../../src/db/index.js';
import { unsyncedRow } from '../../../src/engine/definitions.js';
import { instanceViews, type InstanceViewContext } from '../../../src/engine/instance-views.js';

const NOW = Date.UTC(2026, 0, 5, 9, 0, 0);
const TTL = 30_000;

function row(overrides: Partial<InstanceRow> = {}): InstanceRow {
  return {
    id: 'ws-1:100:ab12',
    user: 'olga',
    host: 'ws-1',
    pid: 100,
    kind: 'ui',
    startedAt: NOW - 3_600_000,
    heartbeatAt: NOW - 2_000,
    stoppedAt: null,
    actingUser: null,
    roles: ['reception'],
    schedules: true,
    version: '0.1.0',
    clockSkewMs: null,
    hostKey: null,
    ...overrides,
  };
}

function task(id: string, overrides: Partial<TaskRow> = {}): TaskRow {
  const def = {
    id,
    name: `Task ${id}`,
    type: 'calls',
    serviceId: 'tel',
    role: 'reception',
    intervalMs: 60_000,
    maxIntervalMs: null,
    cron: null,
    timeoutMs: 60_000,
    handlerKind: 'module',
    enabled: true,
  };
  return { ...unsyncedRow(def, NOW), ...overrides };
}

const ctx = (overrides: Partial<InstanceViewContext> = {}): InstanceViewContext => ({
  now: NOW,
  leaseTtlMs: TTL,
  selfId: 'me',
  visible: () => true,
  ...overrides,
});
const running = (owner: string, extra: Partial<TaskRow> = {}): Partial<TaskRow> => ({
  leaseOwner: owner,
  leaseExpiresAt: NOW + 10_000,
  lastOutcome: 'running',
  ...extra,
});

describe('instanceViews', () => {
  test('every field: label is the acting user at the host, user the acting user, osUser the login, kind in words', () => {
    const [view] = instanceViews([row({ actingUser: 'anna', kind: 'engine', clockSkewMs: -120 })], [], ctx());
    expect(view).toEqual({
      id: 'ws-1:100:ab12',
      label: 'anna@ws-1',
      user: 'anna',
      osUser: 'olga',
      host: 'ws-1',
      pid: 100,
      kind: 'engine',
      version: '0.1.0',
      roles: ['reception'],
      schedules: true,
      startedAt: NOW - 3_600_000,
      heartbeatAt: NOW - 2_000,
      clockSkewMs: -120,
      running: [],
      self: false,
    });
    expect(instanceViews([row({ kind: 'ui' })], [], ctx())[0]).toMatchObject({
      kind: 'dashboard',
      user: 'olga',
      label: 'olga@ws-1',
    });
    expect(instanceViews([row({ kind: 'cli' })], [], ctx())[0]?.kind).toBe('run');
  });

  test('only live instances: a heartbeat older than the lease TTL or a stopped instance is left out', () => {
    const rows = [
      row({ id: 'fresh', heartbeatAt: NOW - TTL }),
      row({ id: 'lapsed', heartbeatAt: NOW - TTL - 1 }),
      row({ id: 'stopped', stoppedAt: NOW - 1_000 }),
    ];
    expect(instanceViews(rows, [], ctx()).map((i) => i.id)).toEqual(['fresh']);
  });

  test('running: the tasks whose live lease it holds with a run going on, sorted; expired leases and finished runs are not', () => {
    const tasks = [
      task('zeta', running('a')),
      task('alpha', running('a')),
      task('expired', running('a', { leaseExpiresAt: NOW - 1 })),
      task('finished', running('a', { lastOutcome: 'success' })),
      task('other', running('b')),
      task('idle'),
    ];
    const views = instanceViews([row({ id: 'a' }), row({ id: 'b', pid: 200 })], tasks, ctx());
    expect(views.map((i) => [i.id, i.running])).toEqual([
      ['a', ['alpha', 'zeta']],
      ['b', ['other']],
    ]);
  });

  test('running lists only the tasks the user may see', () => {
    const tasks = [task('mine', running('a')), task('secret', running('a', { role: 'accounting' }))];
    const views = instanceViews([row({ id: 'a' })], tasks, ctx({ visible: (t) => t.role === 'reception' }));
    expect(views[0]?.running).toEqual(['mine']);
  });

  test('sorted by host, then label, kind and pid; this process is marked', () => {
    const rows = [
      row({ id: 'b2', host: 'ws-2', pid: 5 }),
      row({ id: 'a-engine', host: 'ws-1', kind: 'engine', pid: 9 }),
      row({ id: 'me', host: 'ws-1', kind: 'ui', pid: 3 }),
      row({ id: 'a-anna', host: 'ws-1', actingUser: 'anna', pid: 1 }),
    ];
    const views = instanceViews(rows, [], ctx());
    expect(views.map((i) => i.id)).toEqual(['a-anna', 'me', 'a-engine', 'b2']);
    expect(views.filter((i) => i.self).map((i) => i.id)).toEqual(['me']);
  });
});

describe('recent runs from the ring', () => {
  test('decodeRecent: oldest first, at most RECENT_MAX, anything unreadable left out', () => {
    expect(decodeRecent('[]')).toEqual([]);
    expect(decodeRecent('not json')).toEqual([]);
    expect(decodeRecent('{"a":1}')).toEqual([]);
    expect(
      decodeRecent('[[1,"success",1200],[2,"running",5],[3,"error",null],"x",[4,"warning",-1],[1,"error",3]]'),
    ).toEqual([
      { runId: 1, outcome: 'success', durationMs: 1200 },
      { runId: 3, outcome: 'error', durationMs: null },
      { runId: 4, outcome: 'warning', durationMs: null },
    ]);
    const many = Array.from({ length: RECENT_MAX + 5 }, (_, i) => ({
      runId: i + 1,
      outcome: 'success' as const,
      durationMs: i,
    }));
    expect(
      decodeRecent(JSON.stringify(many.map((e) => [e.runId, e.outcome, e.durationMs]))).map((e) => e.runId),
    ).toEqual(many.slice(-RECENT_MAX).map((e) => e.runId));
    expect(decodeRecent(encodeRecent(many))).toEqual(many.slice(-RECENT_MAX));
  });
});
