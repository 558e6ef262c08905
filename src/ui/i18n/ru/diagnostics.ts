// A run's diagnostics screen and its synchronisation information popup (Russian).
import type { DiagnosticsTexts } from '../en/diagnostics.js';

export const diagnostics: DiagnosticsTexts = {
  diagnostics: {
    title: (runId, task) => `Диагностика запуска №${runId} · ${task}`,
    loading: 'Загрузка диагностики…',
    failed: (message) => `Не удалось загрузить диагностику: ${message}`,
    none: 'Обменов с сервисом не записано.',
    exchange: (index, count, at, duration) => `Обмен ${index} из ${count} · ${at} · ${duration}`,
    requestBody: 'тело запроса',
    responseBody: 'тело ответа',
    noResponse: 'ответа нет',
    error: (message) => `ошибка: ${message}`,
    lines: (from, to, total) => `строки ${from}–${to} из ${total}`,
  },
  runInfo: {
    title: (runId, task) => `Информация о синхронизации · запуск №${runId} · ${task}`,
    keptUntil: (when) => `Подробности хранятся до ${when}`,
    removedOn: (when) => `Подробности удалены ${when} (истёк срок хранения)`,
    removed: 'Подробности удалены (истёк срок хранения)',
    recording: 'Подробности записываются, пока идёт запуск',
    errors: 'Ошибки',
    exchangeFailed: (request, answer) => `${request} → ${answer}`,
  },
};
