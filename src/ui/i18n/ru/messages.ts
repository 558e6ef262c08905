// What an action answers: refusals, feedback, confirmations, the too-small terminal (Russian).
import type { MessagesTexts } from '../en/messages.js';
import { KEY, count } from './words.js';

export const messages: MessagesTexts = {
  refusal: (r) => {
    switch (r.code) {
      case 'no-task':
        return 'Задача не выбрана.';
      case 'running-elsewhere':
        return `Уже выполняется на ${r.instance}: повторный запуск не требуется.`;
      case 'running-here':
        return 'Уже выполняется здесь.';
      case 'not-running':
        return 'Задача сейчас не выполняется.';
      case 'disabled':
        return 'Задача отключена.';
      case 'forbidden':
        return 'Ваши роли не позволяют это для этой задачи.';
      case 'no-run':
        return 'Задача ещё не запускалась.';
      case 'no-diagnostics':
        return 'У этого запуска нет диагностики (она записывается при запуске вручную: нажмите r).';
      case 'details-removed':
        return 'Подробности этого запуска удалены по сроку хранения.';
      case 'no-run-selected':
        return 'Запуск не выбран.';
      case 'log-only':
        return 'Задача-команда записывает только ход выполнения, без обменов с сервисом.';
      case 'nothing':
        return '';
    }
  },
  feedback: {
    started: (task, runId) => `Запущена задача ${task} (запуск №${runId}).`,
    alreadyRunning: (instance) => `Уже выполняется на ${instance}.`,
    stopRequested: (task) => `Запрошена остановка: ${task}.`,
    stopRequestedOn: (task, instance) => `Запрошена остановка: ${task} на ${instance}.`,
    paused: (task) => `Задача ${task} приостановлена: автоматических запусков не будет до возобновления.`,
    resumed: (task) => `Задача ${task} возобновлена.`,
    failed: (message) => `Не удалось: ${message}`,
    filterHint: 'Вводите текст фильтра · Enter оставить · Esc сбросить',
    runWhenReady: (task) => `Служба запускается: задача ${task} запустится, как только служба будет готова.`,
    stopWhenReady: (task) => `Служба запускается: остановка ${task} будет запрошена, как только служба будет готова.`,
    pauseWhenReady: (task) =>
      `Служба запускается: задача ${task} будет приостановлена, как только служба будет готова.`,
    resumeWhenReady: (task) => `Служба запускается: задача ${task} будет возобновлена, как только служба будет готова.`,
    keysDropped: (n) => `Нажатия во время загрузки страницы отброшены: ${count(n, KEY)} (страница не пришла).`,
  },
  confirm: {
    stop: (task, where) => (where ? `Остановить ${task} на ${where}?` : `Остановить ${task}?`),
    quit: (n) => `Запусков, выполняемых здесь: ${n}. Они будут прерваны и продолжены на другом компьютере. Выйти?`,
    yesNo: '[y/N]',
  },
  small: {
    message: (cols, rows) => `Размер терминала ${cols}×${rows}. Нужно не меньше 80×24.`,
    hint: 'Увеличьте окно или нажмите q для выхода.',
  },
};
