import { describe, expect, test } from 'vitest';
import { buildTaskList, linesOfTask } from '../../../src/ui/state/list-lines.js';
import { groupTasks, matchesFilter } from '../../../src/ui/state/task-groups.js';
import { failingTask, makeTask } from '../../helpers/fake-engine.js';

const label = (type: string) =>
  ({ calls: 'Receiving calls', leads: 'Receiving leads', schedule: 'Schedule upload' })[type] ?? type;

const tasks = [
  makeTask({ id: 'custom', type: 'zz-custom', service: 'own', serviceName: 'Our service' }),
  failingTask({ id: 'calls', service: 'tel', serviceName: 'Telephony' }),
  failingTask({ id: 'calls2', service: 'tel', serviceName: 'Telephony' }),
  makeTask({ id: 'leads', type: 'leads', service: 'agg', serviceName: 'Aggregator' }),
  failingTask({ id: 'sched', type: 'schedule', service: 'agg', serviceName: 'Aggregator' }),
];

describe('grouping', () => {
  test('by type: built-in types in the reference order, then custom ones', () => {
    const groups = groupTasks(tasks, 'type', label);
    expect(groups.map((g) => g.label)).toEqual(['Receiving calls', 'Receiving leads', 'Schedule upload', 'zz-custom']);
    expect(groups[0]).toMatchObject({ failing: 2, health: 'all-failing' });
  });

  test('by service: a service whose every task fails is probably down', () => {
    const groups = groupTasks(tasks, 'service', label);
    expect(groups.map((g) => [g.label, g.health])).toEqual([
      ['Aggregator', 'some-failing'],
      ['Our service', 'ok'],
      ['Telephony', 'probably-down'],
    ]);
  });
});

describe('filter and lines', () => {
  test('the filter matches name, id, service and the type label, ignoring case', () => {
    expect(matchesFilter(tasks[3]!, 'AGGREG', label)).toBe(true);
    expect(matchesFilter(tasks[3]!, 'receiving leads', label)).toBe(true);
    expect(matchesFilter(tasks[3]!, 'telephony', label)).toBe(false);
  });

  test('lines: group headers, rows, a failing line under failing tasks; the cursor falls back to the first task', () => {
    const view = buildTaskList(tasks, { grouping: 'type', filter: '', selectedId: 'gone', typeLabel: label });
    expect(view.lines.map((l) => l.kind).slice(0, 5)).toEqual(['group', 'task', 'failing', 'task', 'failing']);
    expect(view.selected?.id).toBe('calls');
    expect(linesOfTask(view.lines, 'calls')).toEqual({ first: 0, last: 2 });
    const filtered = buildTaskList(tasks, { grouping: 'type', filter: 'lead', selectedId: 'sched', typeLabel: label });
    expect(filtered.order.map((t) => t.id)).toEqual(['leads']);
    expect(filtered.selected?.id).toBe('leads');
  });
});
