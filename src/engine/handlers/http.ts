import { TaskError, type Handler } from './types.js';

export const httpHandler: Handler = async () => {
  throw new TaskError('unknown', 'the http handler is not implemented yet');
};
