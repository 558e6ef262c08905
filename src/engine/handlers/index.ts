import type { HandlerConfig } from '../../config/handlers.js';
import type { Handler } from './types.js';

export type { Handler, HandlerContext, HandlerResult } from './types.js';
export { TaskError, errorClassOf } from './types.js';

/**
 * Each kind of handler is loaded with its first run: a command that runs nothing (status,
 * history) or an engine before its first run loads neither node:http nor node:child_process
 * (docs/ARCHITECTURE.md, Composition root).
 */
const http: Handler = async (ctx) => (await import('./http.js')).httpHandler(ctx);
const command: Handler = async (ctx) => (await import('./command.js')).commandHandler(ctx);
const module: Handler = async (ctx) => (await import('./module.js')).moduleHandler(ctx);

export function handlerFor(config: HandlerConfig): Handler {
  switch (config.kind) {
    case 'http':
      return http;
    case 'command':
      return command;
    case 'module':
      return module;
  }
}
