import { describe, expect, test } from 'vitest';
import { dashboardReducer } from '../../../src/ui/state/dashboard-reducer.js';
import { initialDashboardState, topScreen, type DashboardState } from '../../../src/ui/state/dashboard-state.js';
import { initialHistoryState } from '../../../src/ui/state/history-state.js';
import { LIVE_LOG_LIMIT } from '../../../src/ui/state/run-log.js';
import { makeRun, makeTask, runningTask, summaryOf } from '../../helpers/fake-engine.js';

const loaded = (tasks = [makeTask(), runningTask({ id: 'leads' })]): DashboardState =>
  dashboardReducer(initialDashboardState, { type: 'snapshot', tasks });

describe('snapshots', () => {
  test('an identical snapshot changes nothing (no re-render)', () => {
    const state = loaded();
    const again = dashboardReducer(state, { type: 'snapshot', tasks: structuredClone([...state.tasks]) });
    expect(again).toBe(state);
  });

  test('only the changed task gets a new object', () => {
    const state = loaded();
    const next = structuredClone([...state.tasks]);
    next[1] = { ...next[1]!, failures: 1 };
    const after = dashboardReducer(state, { type: 'snapshot', tasks: next });
    expect(after.tasks[0]).toBe(state.tasks[0]);
    expect(after.tasks[1]).not.toBe(state.tasks[1]);
  });

  test('a change deep in a task (its run, its roles) or a field gone is a change; key order is not', () => {
    const state = loaded();
    const changes: ((task: Record<string, unknown>) => void)[] = [
      (task) => ((task.lastRun as Record<string, unknown>).progressDone = 7),
      (task) => (task.runnableOn as string[]).push('backup'),
      (task) => ((task.can as Record<string, boolean>).stop = !(task.can as Record<string, boolean>).stop),
      (task) => delete task.cron,
      (task) => (task.cron = undefined),
    ];
    for (const change of changes) {
      const next = structuredClone([...state.tasks]) as unknown as Record<string, unknown>[];
      change(next[1]!);
      const after = dashboardReducer(state, { type: 'snapshot', tasks: next as never });
      expect(after.tasks[0]).toBe(state.tasks[0]);
      expect(after.tasks[1]).toBe(next[1]);
    }
    const reordered = state.tasks.map((task) => Object.fromEntries(Object.entries(task).reverse())) as never;
    expect(dashboardReducer(state, { type: 'snapshot', tasks: reordered })).toBe(state);
  });

  test('a failed fetch says why on the status line', () => {
    const state = dashboardReducer(initialDashboardState, { type: 'snapshot-failed', message: 'database is locked' });
    expect(state.loaded).toBe(true);
    expect(state.status).toEqual({ text: 'database is locked', tone: 'error' });
  });
});

describe('progress', () => {
  test('updates the task and its run in place', () => {
    const state = loaded();
    const after = dashboardReducer(state, { type: 'progress', taskId: 'leads', runId: 9, done: 60, total: 100 });
    const leads = after.tasks.find((t) => t.id === 'leads')!;
    expect(leads.progress).toBe(0.6);
    expect(leads.lastRun?.progressDone).toBe(60);
    expect(after.tasks[0]).toBe(state.tasks[0]);
  });

  test('the same progress twice is no change; an unknown total means no bar', () => {
    const once = dashboardReducer(loaded(), { type: 'progress', taskId: 'leads', runId: 9, done: 60, total: 100 });
    expect(dashboardReducer(once, { type: 'progress', taskId: 'leads', runId: 9, done: 60, total: 100 })).toBe(once);
    const unknown = dashboardReducer(once, { type: 'progress', taskId: 'leads', runId: 9, done: 61, total: null });
    expect(unknown.tasks.find((t) => t.id === 'leads')!.progress).toBeNull();
  });
});

describe('the shown run and its log', () => {
  const line = (at: number, message: string) => ({ at, level: 'info' as const, message });

  test('log lines from events before and after the fetch appear once', () => {
    let state = dashboardReducer(loaded(), { type: 'show-run', runId: 9 });
    state = dashboardReducer(state, { type: 'log-line', runId: 9, line: line(2, 'page 2') });
    state = dashboardReducer(state, { type: 'log-line', runId: 8, line: line(2, 'another run') });
    state = dashboardReducer(state, {
      type: 'run-details',
      runId: 9,
      details: makeRun({ id: 9, outcome: 'running', finishedAt: null, log: [line(1, 'page 1'), line(2, 'page 2')] }),
    });
    expect(state.shownRun?.liveLog).toEqual([]);
    state = dashboardReducer(state, { type: 'log-line', runId: 9, line: line(3, 'page 3') });
    expect([...state.shownRun!.log!, ...state.shownRun!.liveLog].map((l) => l.message)).toEqual([
      'page 1',
      'page 2',
      'page 3',
    ]);
  });

  describe('logs kept for cursor moves', () => {
    const finished = (n: number) =>
      makeTask({ id: `t${n}`, name: `Task ${n}`, lastRun: summaryOf(makeRun({ id: n, taskId: `t${n}` })) });
    const three = () => loaded([finished(1), finished(2), finished(3)]);

    test('a move onto a task whose log is kept shows it in the same state change', () => {
      let state = dashboardReducer(three(), { type: 'run-logs', logs: [{ runId: 2, log: [line(1, 'page of 2')] }] });
      state = dashboardReducer(state, { type: 'select', taskId: 't2' });
      expect(state.selectedTaskId).toBe('t2');
      expect(state.shownRun).toEqual({ runId: 2, log: [line(1, 'page of 2')], final: true, liveLog: [], error: null });
      // The effect that follows the selection changes nothing more.
      expect(dashboardReducer(state, { type: 'show-run', runId: 2 })).toBe(state);
      // A task the state does not hold leaves the shown run to that effect.
      expect(dashboardReducer(state, { type: 'select', taskId: 'gone' }).shownRun).toBe(state.shownRun);
    });

    test("a move onto a task whose log is not kept shows no log (never the last task's) until it arrives", () => {
      let state = dashboardReducer(three(), { type: 'show-run', runId: 1 });
      state = dashboardReducer(state, {
        type: 'run-details',
        runId: 1,
        details: makeRun({ id: 1, log: [line(1, 'of 1')] }),
      });
      state = dashboardReducer(state, { type: 'select', taskId: 't3' });
      expect(state.shownRun).toEqual({ runId: 3, log: null, final: false, liveLog: [], error: null });
      // Back on the first task: its log was kept when it arrived.
      state = dashboardReducer(state, { type: 'select', taskId: 't1' });
      expect(state.shownRun?.log).toEqual([line(1, 'of 1')]);
    });

    test("a running run's log is shown but not kept: it still grows", () => {
      let state = dashboardReducer(loaded(), { type: 'show-run', runId: 9 });
      const running = makeRun({ id: 9, outcome: 'running', finishedAt: null, log: [line(1, 'page 1')] });
      state = dashboardReducer(state, { type: 'run-details', runId: 9, details: running });
      expect(state.shownRun?.final).toBe(false);
      expect(state.runLogs).toEqual([]);
    });

    test("a line that comes after the finished run's whole log is not shown twice", () => {
      let state = dashboardReducer(loaded(), { type: 'show-run', runId: 9 });
      const whole = [line(1, 'continuing'), line(2, 'page 1')];
      state = dashboardReducer(state, { type: 'run-details', runId: 9, details: makeRun({ id: 9, log: whole }) });
      expect(dashboardReducer(state, { type: 'log-line', runId: 9, line: line(2, 'page 1') })).toBe(state);
    });

    test('logs fetched ahead that are kept already change nothing', () => {
      const state = dashboardReducer(three(), { type: 'run-logs', logs: [{ runId: 2, log: [] }] });
      expect(dashboardReducer(state, { type: 'run-logs', logs: [{ runId: 2, log: [] }] })).toBe(state);
    });
  });

  test('details of a run no longer shown are ignored; live lines are bounded', () => {
    let state = dashboardReducer(loaded(), { type: 'show-run', runId: 9 });
    state = dashboardReducer(state, { type: 'show-run', runId: 10 });
    expect(dashboardReducer(state, { type: 'run-details', runId: 9, details: makeRun({ id: 9 }) })).toBe(state);
    for (let i = 0; i < LIVE_LOG_LIMIT + 5; i++)
      state = dashboardReducer(state, { type: 'log-line', runId: 10, line: line(i, `l${i}`) });
    expect(state.shownRun!.liveLog).toHaveLength(LIVE_LOG_LIMIT);
  });
});

describe('screens, filter, confirmation', () => {
  test('screens stack and Esc goes back one', () => {
    let state = dashboardReducer(loaded(), {
      type: 'open',
      screen: { kind: 'diagnostics', runId: 9, taskName: 'x', scroll: 0, details: null, error: null },
    });
    state = dashboardReducer(state, { type: 'open', screen: { kind: 'help', scroll: 0 } });
    expect(topScreen(state)?.kind).toBe('help');
    state = dashboardReducer(state, { type: 'screen-scroll', value: 4 });
    expect(topScreen(state)).toEqual({ kind: 'help', scroll: 4 });
    state = dashboardReducer(state, { type: 'back' });
    expect(topScreen(state)?.kind).toBe('diagnostics');
    state = dashboardReducer(state, { type: 'diagnostics', runId: 9, details: makeRun({ id: 9 }) });
    expect(topScreen(state)).toMatchObject({ kind: 'diagnostics', details: { id: 9 } });
    state = dashboardReducer(state, { type: 'back' });
    expect(topScreen(state)).toBeNull();
    expect(dashboardReducer(state, { type: 'back' })).toBe(state);
  });

  test('a closed diagnostics screen keeps nothing: its details go with it, and a late answer does not bring them back', () => {
    const open = dashboardReducer(loaded(), {
      type: 'open',
      screen: { kind: 'diagnostics', runId: 9, taskName: 'x', scroll: 0, details: null, error: null },
    });
    const shown = dashboardReducer(open, {
      type: 'diagnostics',
      runId: 9,
      details: makeRun({ id: 9, log: [{ at: 1, level: 'info', message: 'x'.repeat(1000) }] }),
    });
    const closed = dashboardReducer(shown, { type: 'back' });
    expect(closed.screens).toEqual([]);
    expect(JSON.stringify(closed)).not.toContain('x'.repeat(1000));
    expect(dashboardReducer(closed, { type: 'diagnostics', runId: 9, details: makeRun({ id: 9 }) }).screens).toEqual(
      [],
    );
  });

  test('filter editing, keeping and clearing', () => {
    let state = dashboardReducer(loaded(), { type: 'filter-start' });
    for (const input of ['le', 'a', 'ds']) state = dashboardReducer(state, { type: 'filter-type', input });
    state = dashboardReducer(state, { type: 'filter-erase' });
    expect(state).toMatchObject({ filter: 'lead', filterEditing: true });
    state = dashboardReducer(state, { type: 'filter-done' });
    expect(state).toMatchObject({ filter: 'lead', filterEditing: false });
    state = dashboardReducer(state, { type: 'filter-clear' });
    expect(state).toMatchObject({ filter: '', filterEditing: false });
  });

  test('grouping, focus, selection resets the log scroll', () => {
    let state = dashboardReducer(loaded(), { type: 'toggle-grouping' });
    expect(state.grouping).toBe('service');
    state = dashboardReducer(state, { type: 'toggle-focus' });
    expect(state.focus).toBe('details');
    state = dashboardReducer(state, { type: 'log-scroll', value: 3 });
    state = dashboardReducer(state, { type: 'select', taskId: 'leads' });
    expect(state.logScroll).toBe(0);
  });

  test('a confirmation opens and closes; opening a screen drops it', () => {
    let state = dashboardReducer(loaded(), {
      type: 'confirm',
      request: { kind: 'stop', taskId: 'leads', taskName: 'Leads', where: null },
    });
    expect(state.confirm).toMatchObject({ kind: 'stop', taskId: 'leads' });
    expect(dashboardReducer(state, { type: 'confirm-close' }).confirm).toBeNull();
    state = dashboardReducer(state, { type: 'open', screen: { kind: 'help', scroll: 0 } });
    expect(state.confirm).toBeNull();
  });
});

describe('a reload that hides tasks from this user', () => {
  test('closes what is open on them (and what was opened from it); the rest stays', () => {
    const all = {
      ...initialHistoryState(null),
      info: { run: makeRun({ id: 7, taskId: 'calls' }), details: null, error: null, scroll: 0 },
    };
    let state = dashboardReducer(loaded(), { type: 'open', screen: all });
    state = dashboardReducer(state, { type: 'open', screen: initialHistoryState({ id: 'calls', name: 'Calls' }) });
    state = dashboardReducer(state, {
      type: 'open',
      screen: { kind: 'diagnostics', runId: 8, taskId: 'calls', taskName: 'x', scroll: 0, details: null, error: null },
    });
    state = dashboardReducer(state, { type: 'open', screen: { kind: 'help', scroll: 0 } });
    state = dashboardReducer(state, {
      type: 'confirm',
      request: { kind: 'stop', taskId: 'calls', taskName: 'Calls', where: null },
    });
    expect(dashboardReducer(state, { type: 'tasks-hidden', taskIds: ['leads'] })).toBe(state);
    const after = dashboardReducer(state, { type: 'tasks-hidden', taskIds: ['calls'] });
    expect(after.screens).toEqual([{ ...all, info: null }]);
    expect(after.confirm).toBeNull();
  });
});
