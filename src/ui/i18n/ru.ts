// Every Russian string of the dashboard; the terms are those of the reference page
// («Ожидание», «Недоступно», «Интервал», «Следующий запуск», «Последний запуск», «Повтор»…).
import { counted, pluralWord, type RussianForms } from '../../engine/text/plural.js';
import type { Catalogue } from './en.js';

// Counted words by Intl.PluralRules('ru'): 1, 21 запуск (one); 2–4, 22 запуска (few);
// 0, 5–20, 25 запусков (many); 1,5 запуска (other, fractions).
const RUN: RussianForms = { one: 'запуск', few: 'запуска', many: 'запусков', other: 'запуска' };
const NEW_RUN: RussianForms = {
  one: 'новый запуск',
  few: 'новых запуска',
  many: 'новых запусков',
  other: 'нового запуска',
};
const TASK: RussianForms = { one: 'задача', few: 'задачи', many: 'задач', other: 'задачи' };
const USER: RussianForms = { one: 'пользователь', few: 'пользователя', many: 'пользователей', other: 'пользователя' };
const TIME: RussianForms = { one: 'раз', few: 'раза', many: 'раз', other: 'раза' };
const LIVE_INSTANCE: RussianForms = {
  one: 'работающий экземпляр',
  few: 'работающих экземпляра',
  many: 'работающих экземпляров',
  other: 'работающего экземпляра',
};
const ITEM: RussianForms = { one: 'элемент', few: 'элемента', many: 'элементов', other: 'элемента' };
const count = (n: number, forms: RussianForms) => counted('ru', n, forms);

export const ru: Catalogue = {
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
  header: {
    app: 'syncdeck',
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
  actions: {
    'move-up': { bar: 'выбор', help: 'Вверх / прокрутка вверх' },
    'move-down': { bar: 'выбор', help: 'Вниз / прокрутка вниз' },
    'page-up': { bar: 'стр. вверх', help: 'На страницу вверх' },
    'page-down': { bar: 'стр. вниз', help: 'На страницу вниз' },
    first: { bar: 'в начало', help: 'В начало' },
    last: { bar: 'в конец', help: 'В конец' },
    'switch-pane': { bar: 'панель', help: 'Переключиться между списком задач и подробностями запуска' },
    run: { bar: 'запустить', help: 'Запустить задачу сейчас (с диагностикой)' },
    stop: { bar: 'остановить', help: 'Остановить выполняющуюся задачу, где бы она ни выполнялась (спросит y/N)' },
    pause: { bar: 'пауза', help: 'Приостановить или возобновить автоматические запуски' },
    grouping: { bar: 'группировка', help: 'Группировать по типу задачи или по сервису' },
    filter: { bar: 'фильтр', help: 'Фильтр задач по мере ввода' },
    'task-history': { bar: 'история', help: 'К истории запусков этой задачи' },
    'all-history': { bar: 'вся история', help: 'История синхронизаций всех задач' },
    diagnostics: { bar: 'подробнее', help: 'Полная диагностика запуска (запросы и ответы)' },
    help: { bar: 'справка', help: 'Показать все клавиши' },
    back: { bar: 'назад', help: 'Закрыть этот экран' },
    'clear-filter': { bar: 'сбросить фильтр', help: 'Сбросить фильтр' },
    quit: { bar: 'выход', help: 'Выйти' },
    'force-quit': { bar: 'выход', help: 'Выйти откуда угодно' },
    repaint: { bar: 'перерисовать', help: 'Перерисовать весь экран (если его испортило чужое сообщение)' },
    'confirm-yes': { bar: 'да', help: 'Да' },
    'confirm-no': { bar: 'нет', help: 'Нет (по умолчанию)' },
    'filter-done': { bar: 'готово', help: 'Оставить фильтр и вернуться к списку' },
    'filter-clear': { bar: 'сбросить', help: 'Сбросить фильтр' },
    'filter-erase': { bar: 'стереть', help: 'Стереть последний символ' },
    'run-info': {
      bar: 'информация',
      help: 'Информация о синхронизации: итог, ход выполнения, ошибки, срок хранения подробностей',
    },
    'history-filters': {
      bar: 'фильтр',
      help: 'Фильтр по сервису, типу задачи, результату, задаче, кто запустил, или по периоду',
    },
    'clear-history-filters': { bar: 'сбросить фильтр', help: 'Сбросить все фильтры истории' },
    'field-next': { bar: 'след. поле', help: 'Следующее поле фильтра' },
    'field-prev': { bar: 'пред. поле', help: 'Предыдущее поле фильтра' },
    'filters-apply': { bar: 'применить', help: 'Применить фильтр' },
    'filters-cancel': { bar: 'отмена', help: 'Закрыть фильтр, не применяя' },
    instances: {
      bar: 'экземпляры',
      help: 'Все работающие экземпляры syncdeck: кто и где их запустил и что они выполняют сейчас',
    },
    'running-instance': { bar: 'где', help: 'Экземпляр, который выполняет эту задачу (на экране экземпляров)' },
  },
  resumeBar: 'возобновить',
  keyNames: {
    up: '↑',
    down: '↓',
    pageup: 'PgUp',
    pagedown: 'PgDn',
    home: 'Home',
    end: 'End',
    left: '←',
    right: '→',
    tab: 'Tab',
    'shift+tab': 'Shift+Tab',
    escape: 'Esc',
    return: 'Enter',
    backspace: 'Backspace',
    'ctrl+c': 'Ctrl+C',
    'ctrl+l': 'Ctrl+L',
  },
  contexts: {
    global: 'Везде',
    dashboard: 'Список задач',
    filter: 'При вводе фильтра',
    confirm: 'Подтверждение',
    diagnostics: 'Диагностика',
    help: 'Эта справка',
    history: 'История',
    'history-filters': 'Фильтр истории',
    'run-info': 'Информация о синхронизации',
    instances: 'Экземпляры',
  },
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
  },
  confirm: {
    stop: (task, where) => (where ? `Остановить ${task} на ${where}?` : `Остановить ${task}?`),
    quit: (n) => `Запусков, выполняемых здесь: ${n}. Они будут прерваны и продолжены на другом компьютере. Выйти?`,
    yesNo: '[y/N]',
  },
  help: {
    title: 'Клавиши',
  },
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
  history: {
    title: 'История синхронизаций с внешними сервисами',
    counting: 'подсчёт…',
    runs: (shown, n) => `${shown} ${pluralWord('ru', n, RUN)}`,
    filterLabel: 'Фильтр:',
    noFilter: 'нет, все запуски всех задач',
    task: (name) => `задача ${name}`,
    service: (name) => `сервис ${name}`,
    type: (label) => `тип ${label}`,
    outcome: {
      all: 'все результаты',
      errors: 'только ошибки',
      success: 'успешные',
      warning: 'с предупреждениями',
      cancelled: 'остановленные',
      interrupted: 'прерванные',
    },
    since: {
      any: 'за всё время',
      today: 'сегодня',
      '24h': 'за 24 ч',
      '7d': 'за 7 дней',
      '30d': 'за 30 дней',
      range: 'за всё время',
    },
    by: (user) => `запустил ${user}`,
    byScheduler: 'по расписанию',
    between: (from, to) => `с ${from} до ${to}`,
    from: (from) => `с ${from}`,
    until: (to) => `до ${to}`,
    loading: 'Загрузка истории…',
    failed: (message) => `Не удалось загрузить историю: ${message}`,
    empty: 'Запусков ещё не было.',
    noMatch: 'Нет запусков по этому фильтру.',
    newRuns: (shown, n) => `${shown} ${pluralWord('ru', n, NEW_RUN)} — Home, чтобы увидеть`,
    newer: 'выше более новые',
    older: 'ниже более старые',
    end: 'самый старый запуск',
  },
  historyColumns: {
    started: 'Начало',
    task: 'Задача',
    service: 'Сервис',
    type: 'Тип задачи',
    outcome: 'Результат',
    duration: 'Длительность',
    by: 'Кто запустил',
    instance: 'Компьютер',
    info: 'i',
  },
  filterPanel: {
    title: 'Фильтр',
    fields: {
      service: 'Сервис',
      type: 'Тип задачи',
      outcome: 'Результат',
      task: 'Задача',
      since: 'Период',
      by: 'Кто запустил',
      from: 'С',
      to: 'До',
    },
    allServices: 'Все сервисы',
    allTypes: 'Все типы задач',
    allTasks: 'Все задачи',
    outcome: {
      all: 'Все результаты',
      errors: 'Только ошибки',
      success: 'Успешные',
      warning: 'С предупреждениями',
      cancelled: 'Остановленные',
      interrupted: 'Прерванные',
    },
    since: {
      any: 'За всё время',
      today: 'Сегодня',
      '24h': 'За последние 24 часа',
      '7d': 'За последние 7 дней',
      '30d': 'За последние 30 дней',
      range: 'С … до …',
    },
    everyone: 'Все',
    scheduler: 'По расписанию',
    whenHint: 'напр.: 2026-11-30 02:00, 2h',
    badWhen: 'Это не время. Пишите 2026-11-30, 2026-11-30 02:00, 90m, 2h или 7d.',
    toNotAfterFrom: '«До» должно быть позже «С».',
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
  small: {
    message: (cols, rows) => `Размер терминала ${cols}×${rows}. Нужно не меньше 80×24.`,
    hint: 'Увеличьте окно или нажмите q для выхода.',
  },
};
