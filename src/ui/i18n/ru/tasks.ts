// The task list: its columns, rows and groups (Russian).
import type { TasksTexts } from '../en/tasks.js';
import { RUN, TASK, count } from './words.js';

export const tasks: TasksTexts = {
  columns: {
    status: 'Статус',
    task: 'Задача',
    interval: 'Интервал',
    next: 'Следующий запуск',
    last: 'Последний запуск',
    recent: 'Последние',
  },
  columnsShort: { next: 'След. запуск', last: 'Посл. запуск' },
  list: {
    title: 'Состояние интеграций',
    byType: 'по типу задачи',
    byService: 'по сервису',
    filter: 'фильтр',
    loading: 'Загрузка задач…',
    empty: 'Нет задач.',
    noMatch: (filter) => `Нет задач по фильтру «${filter}».`,
    never: 'не было',
    noNextRun: '—',
    due: 'пора',
    cron: (expr) => expr,
    failingSince: (clock, n) => `ошибки с ${clock}, ${count(n, RUN)}`,
    position: (at, of) => `${at}/${of}`,
  },
  group: {
    tasks: (n) => count(n, TASK),
    ok: 'в порядке',
    failing: (n) => `с ошибками: ${n}`,
    allFailing: 'все с ошибками',
    probablyDown: 'все с ошибками: вероятно, сервис не работает',
  },
};
