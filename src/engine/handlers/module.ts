import { TaskError, type Handler } from './types.js';

export const moduleHandler: Handler = async () => {
  throw new TaskError('unknown', 'the module handler is not implemented yet');
};
