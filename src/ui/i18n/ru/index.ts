// Every Russian string of the dashboard; the terms are those of the reference page
// («Ожидание», «Недоступно», «Интервал», «Следующий запуск», «Последний запуск», «Повтор»…).
// One file per screen or area, as en/.
import type { Catalogue } from '../en/index.js';
import { common } from './common.js';
import { tasks } from './tasks.js';
import { details } from './details.js';
import { header } from './header.js';
import { keys } from './keys.js';
import { messages } from './messages.js';
import { diagnostics } from './diagnostics.js';
import { history } from './history.js';
import { instances } from './instances.js';

export const ru: Catalogue = {
  ...common,
  ...tasks,
  ...details,
  ...header,
  ...keys,
  ...messages,
  ...diagnostics,
  ...history,
  ...instances,
};
