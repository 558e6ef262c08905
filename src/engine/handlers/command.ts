import { TaskError, type Handler } from './types.js';

export const commandHandler: Handler = async () => {
  throw new TaskError('unknown', 'the command handler is not implemented yet');
};
