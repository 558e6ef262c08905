// The instances screen (Russian).
import type { InstancesTexts } from '../en/instances.js';
import { LIVE_INSTANCE, count } from './words.js';

export const instances: InstancesTexts = {
  instances: {
    title: 'Экземпляры',
    live: (n) => count(n, LIVE_INSTANCE),
    loading: 'Чтение списка экземпляров…',
    failed: (message) => `Не удалось прочитать экземпляры: ${message}`,
    empty: 'Нет работающих экземпляров.',
    none: '—',
    columns: {
      instance: 'Экземпляр',
      kind: 'Вид',
      pid: 'PID',
      version: 'Версия',
      started: 'Запущен',
      heartbeat: 'Сигнал',
      skew: 'Часы',
      running: 'Выполняет',
    },
    kind: { dashboard: 'панель', engine: 'служба', run: 'запуск' },
    self: 'эта панель',
    user: (user, osUser) =>
      user === osUser ? `Пользователь ${user}` : `Пользователь ${user} (вход в систему ${osUser})`,
    host: (host) => `компьютер ${host}`,
    pid: (pid) => `pid ${pid}`,
    version: (version) => (version === null ? 'версия неизвестна' : `версия ${version}`),
    roles: (roles) => (roles ? `Роли: ${roles}` : 'Роли: нет'),
    schedules: (yes) => (yes ? 'запускает задачи сам' : 'сам задачи не запускает'),
    started: (clock, ago) => `Запущен ${clock} (${ago})`,
    heartbeat: (ago) => `последний сигнал ${ago}`,
    skew: (amount) =>
      amount === null ? 'расхождение часов не измеряется (SQLite)' : `часы базы данных минус его часы: ${amount}`,
    running: (tasks) => (tasks ? `Выполняет: ${tasks}` : 'Выполняет: ничего'),
    gone: (label) =>
      `Экземпляр, который выполнял задачу, ${label}, больше не работает (остановлен или перестал подавать сигнал).`,
  },
};
