// Texts every screen shares: time, statuses, outcomes, task types (Russian).
import type { CommonTexts } from '../en/common.js';

export const common: CommonTexts = {
  lang: 'ru',
  time: {
    units: { ms: 'мс', s: 'с', m: 'мин', h: 'ч', d: 'д' },
    unitSpace: true,
    decimal: ',',
    now: 'сейчас',
    inFuture: (span) => `через ${span}`,
    inPast: (span) => `${span} назад`,
    months: ['янв', 'фев', 'мар', 'апр', 'мая', 'июн', 'июл', 'авг', 'сен', 'окт', 'ноя', 'дек'],
  },
  status: {
    waiting: 'Ожидание',
    unavailable: 'Недоступно',
    running: 'Выполняется',
    paused: 'Пауза',
    disabled: 'Отключена',
  },
  outcome: {
    running: 'Выполняется',
    success: 'Успешно',
    warning: 'Предупреждение',
    error: 'Ошибка',
    cancelled: 'Остановлено',
    interrupted: 'Прервано',
    repeat: 'Повтор',
  },
  errorClass: { network: 'сеть', auth: 'авторизация', recognized: 'распознанная', unknown: 'неизвестная' },
  trigger: { schedule: 'по расписанию', manual: 'вручную' },
  startedBy: { scheduler: 'по расписанию' },
  taskType: {
    calls: 'Получение звонков',
    leads: 'Получение заявок',
    schedule: 'Выгрузка расписания',
    messages: 'Отправка сообщений',
  },
};
