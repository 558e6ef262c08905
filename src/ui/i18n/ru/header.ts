// The header lines and the config-reloaded notice (Russian).
import type { HeaderTexts } from '../en/header.js';
import { TASK, USER, count } from './words.js';

export const header: HeaderTexts = {
  header: {
    app: 'syncdeck',
    starting: 'запуск службы…',
    user: (user, roles) => (roles ? `${user} (${roles})` : user),
    viewingAs: (osUser, user) => `${osUser} как ${user}`,
    instance: (id) => `экземпляр ${id}`,
    database: (path) => `база ${path}`,
    config: (source) => `конфигурация ${source}`,
    demoConfig: 'демо',
    failing: (n) => `задач с ошибками: ${n}`,
    allOk: 'ошибок нет',
    demoBanner: 'Демо: имитация сервисов на 127.0.0.1 — для настоящей работы запустите с --config ФАЙЛ',
    unknownUser: (user) =>
      `Пользователя «${user}» нет в списке users конфигурации, поэтому задачи не видны. Обратитесь к администратору.`,
    storageError: (message) => `Ошибка хранилища: ${message}`,
    alertTrouble: (channel, since, undelivered) =>
      `оповещения в ${channel} не доходят с ${since} (не доставлено: ${undelivered})`,
    clockSkew: (amount, behind) =>
      `Часы: этот компьютер ${behind ? 'отстаёт от' : 'спешит относительно'} сервера базы данных на ${amount}; syncdeck берёт время сервера — проверьте время этого компьютера (NTP)`,
    configDiffers: (writtenBy, at, what) =>
      `Конфигурация этого экземпляра отличается от общей (записана ${writtenBy} в ${at}): ${what}`,
    tasksDiffer: (n, list) => `отличаются: ${count(n, TASK)} (${list}), здесь они не запускаются`,
    configError: (problem, more) =>
      `Конфигурация не перечитана, действует последняя исправная: ${problem}${more > 0 ? ` (и ещё ${more})` : ''}`,
    restartNeeded: (fields, file, inUse) =>
      `${fields} изменено в ${file}: этот экземпляр работает с ${inUse} до перезапуска`,
  },
  configReloaded: {
    title: (parts) => `Конфигурация перечитана: ${parts}`,
    none: 'задачи не изменились',
    changed: (n) => `изменено: ${count(n, TASK)}`,
    added: (n) => `добавлено: ${count(n, TASK)}`,
    removed: (n) => `удалено: ${count(n, TASK)}`,
    users: (n) => `изменено: ${count(n, USER)}`,
    hidden: (list) => `больше не видны вам: ${list}`,
  },
};
