import type { HandlerConfig } from '../../config/handlers.js';
import { commandHandler } from './command.js';
import { httpHandler } from './http.js';
import { moduleHandler } from './module.js';
import type { Handler } from './types.js';

export type { Handler, HandlerContext, HandlerResult } from './types.js';
export { TaskError, errorClassOf } from './types.js';

export function handlerFor(config: HandlerConfig): Handler {
  switch (config.kind) {
    case 'http':
      return httpHandler;
    case 'command':
      return commandHandler;
    case 'module':
      return moduleHandler;
  }
}
