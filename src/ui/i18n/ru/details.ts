// The run details pane of the task list (Russian).
import type { DetailsTexts } from '../en/details.js';
import { RUN, TIME, ITEM, count } from './words.js';

export const details: DetailsTexts = {
  details: {
    title: 'Подробности последнего запуска',
    current: 'Текущий запуск',
    noTask: 'Задача не выбрана.',
    noRun: 'Задача ещё не запускалась.',
    started: 'Запуск',
    by: (user, trigger) => `${trigger}, ${user}`,
    instance: 'Компьютер',
    took: (duration) => `длительность ${duration}`,
    runningFor: (duration) => `выполняется ${duration}`,
    stoppedBy: (user) => `остановил ${user}`,
    message: 'Сообщение',
    progress: (done, total) => (total === null ? `готово ${done}` : `${done} из ${total}`),
    items: (n) => count(n, ITEM),
    scheduled: 'по расписанию',
    failing: (since, n) => `Ошибки с ${since}, ${count(n, RUN)}`,
    interval: (normal, effective) => `интервал ${normal} → ${effective}`,
    diagnosticsHint: 'd: подробнее (вся диагностика запросов и ответов)',
    detailsRemoved: 'Ход выполнения и диагностика удалены по сроку хранения.',
    log: 'Ход выполнения',
    logEmpty: 'Записей нет.',
    logLoading: 'Загрузка хода выполнения…',
    logFailed: (message) => `Не удалось загрузить ход выполнения: ${message}`,
    instanceOf: (label, kind, pid) =>
      kind === null
        ? label
        : `${label} (${{ dashboard: 'панель', engine: 'служба', run: 'syncdeck run' }[kind]}${pid === null ? '' : `, pid ${pid}`})`,
    idle: (why, role) =>
      why === 'paused'
        ? 'Автоматических запусков нет: пауза'
        : why === 'disabled'
          ? 'Автоматических запусков нет: задача отключена в конфигурации'
          : `Автоматических запусков нет: ни на одном работающем компьютере нет роли ${role}`,
    interruptedInARow: (n, failure) => `Прервана ${count(n, TIME)} подряд${failure ? ': считается ошибкой' : ''}`,
    recent: 'Последние',
    recentOk: (ok, total) => `успешно ${ok} из ${total}`,
    median: (duration) => `медиана ${duration}`,
  },
};
