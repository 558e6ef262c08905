// The request for the next page: a link found in the answer, or the first request with a cursor.
import type { ServiceConfig } from '../../../config/schema.js';
import { snippet } from '../../text/sanitize.js';
import { TaskError } from '../types.js';
import type { Page } from './page.js';
import { authHeaderNames } from './redirect.js';
import type { OutgoingRequest } from './request.js';

export function nextRequest(
  first: OutgoingRequest,
  current: URL,
  next: NonNullable<Page['next']>,
  cursorParam: string,
  service: ServiceConfig,
): OutgoingRequest {
  if ('cursor' in next) {
    const url = new URL(first.url);
    url.searchParams.set(cursorParam, next.cursor);
    return { ...first, url };
  }
  let url: URL;
  try {
    url = new URL(next.link, current);
  } catch {
    throw new TaskError('unknown', `unexpected answer: the next page link is not a URL: ${snippet(next.link, 100)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new TaskError('unknown', `unexpected answer: the next page link is not an HTTP URL`);
  const headers = { ...first.headers };
  if (url.origin === first.url.origin) {
    // A next link usually leaves out the API key that came in the query.
    if (service.auth?.type === 'query' && !url.searchParams.has(service.auth.name))
      url.searchParams.set(service.auth.name, service.auth.value);
  } else {
    for (const name of authHeaderNames(service)) delete headers[name];
  }
  return { ...first, url, headers };
}
