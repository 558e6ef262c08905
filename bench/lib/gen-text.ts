// What generated runs say: messages, log lines and recorded exchanges per task type and outcome.
import type { Rng } from './random.js';
import { CUSTOM_TYPE } from './gen-definitions.js';

const NOUN: Record<string, string> = {
  calls: 'calls',
  leads: 'leads',
  schedule: 'slots',
  messages: 'reminders',
  [CUSTOM_TYPE]: 'results',
};
const PATH: Record<string, string> = {
  calls: '/v1/calls',
  leads: '/api/leads',
  schedule: '/schedule/upload',
  messages: '/sms/send',
  [CUSTOM_TYPE]: '/lis/results',
};

export const nounOf = (type: string) => NOUN[type] ?? 'items';
export const pathOf = (type: string) => PATH[type] ?? '/items';

export const ERROR_MESSAGES = {
  network: [
    'connect ECONNREFUSED 10.20.0.7:443',
    'timed out after 30s',
    'getaddrinfo ENOTFOUND api.example-clinic.ru',
    'socket hang up',
  ],
  auth: ['401 Unauthorized: the API token has expired', '403 Forbidden: the key has no access to this branch'],
  recognized: [
    'web server error 502 Bad Gateway',
    'web server error 503 Service Unavailable',
    'the service answered {"error":"rate limit exceeded"}',
  ],
  unknown: [
    'unexpected answer: Unexpected token < in JSON at position 0',
    "TypeError: Cannot read properties of undefined (reading 'items')",
  ],
} as const;

export type ErrorClassName = keyof typeof ERROR_MESSAGES;

export const INTERRUPTED_MESSAGE = 'the instance running it stopped (its process ended or lost its lease)';

export function errorMessage(rng: Rng, cls: ErrorClassName): string {
  return rng.pick(ERROR_MESSAGES[cls]);
}

const STATUS_OF_CLASS: Record<ErrorClassName, number | null> = {
  network: null,
  auth: 401,
  recognized: 502,
  unknown: 200,
};

export interface ExchangeText {
  method: string;
  url: string;
  requestHeaders: string;
  requestBody: string | null;
  status: number | null;
  responseHeaders: string | null;
  responseBody: string | null;
  error: string | null;
}

/** One recorded request/response of a manual run, secrets already redacted as the engine stores them. */
export function exchangeText(
  type: string,
  page: number,
  items: number,
  errorClass: ErrorClassName | null,
  message: string | null,
): ExchangeText {
  const url = `https://api.example-clinic.ru${pathOf(type)}?page=${page}&since=2024-01-01T00:00:00Z`;
  const requestHeaders = JSON.stringify({
    accept: 'application/json',
    authorization: '[redacted]',
    'user-agent': 'syncdeck/0.1',
  });
  if (errorClass === 'network') {
    return {
      method: 'GET',
      url,
      requestHeaders,
      requestBody: null,
      status: null,
      responseHeaders: null,
      responseBody: null,
      error: message,
    };
  }
  const status = errorClass ? STATUS_OF_CLASS[errorClass] : 200;
  const body =
    errorClass === 'unknown'
      ? '<html><body>Maintenance</body></html>'
      : errorClass
        ? JSON.stringify({ error: message })
        : JSON.stringify({
            page,
            total: items,
            items: Array.from({ length: Math.min(items, 3) }, (_, i) => ({
              id: page * 100 + i,
              at: '2024-01-01T09:00:00Z',
            })),
          });
  return {
    method: 'GET',
    url,
    requestHeaders,
    requestBody: null,
    status,
    responseHeaders: JSON.stringify({
      'content-type': errorClass === 'unknown' ? 'text/html' : 'application/json',
      'set-cookie': '[redacted]',
    }),
    responseBody: body,
    error: null,
  };
}
