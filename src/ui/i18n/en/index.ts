// Every English string of the dashboard, one file per screen or area; ru/ has the same
// files with the same shapes (each Russian part is typed by its English one, and the whole
// by Catalogue).
import { common } from './common.js';
import { tasks } from './tasks.js';
import { details } from './details.js';
import { header } from './header.js';
import { keys } from './keys.js';
import { messages } from './messages.js';
import { diagnostics } from './diagnostics.js';
import { history } from './history.js';
import { instances } from './instances.js';

export const en = {
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

export type Catalogue = typeof en;
