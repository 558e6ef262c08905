// Redirects of the http handler, followed by hand: where the next hop goes, which method
// and headers it keeps, and the chain as a message shows it.
import type { ServiceConfig } from '../../../config/schema.js';
import type { HttpResponse } from '../../http-client/types.js';
import { TaskError } from '../types.js';
import type { OutgoingRequest } from './request.js';

export const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** Headers that carry the service's credentials, so they are not sent to another origin on a redirect. */
export function authHeaderNames(service: ServiceConfig): string[] {
  if (service.auth?.type === 'header') return [service.auth.name.toLowerCase()];
  if (service.auth?.type === 'bearer' || service.auth?.type === 'basic') return ['authorization'];
  return [];
}

export function redirected(req: OutgoingRequest, res: HttpResponse, service: ServiceConfig): OutgoingRequest {
  const location = res.headers.location;
  if (!location)
    throw new TaskError('unknown', `the service answered ${res.status} (a redirect) without a Location header`);
  let url: URL;
  try {
    url = new URL(location, req.url);
  } catch {
    throw new TaskError(
      'unknown',
      `the service redirected to an invalid address: ${JSON.stringify(location.slice(0, 200))}`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new TaskError('unknown', `the service redirected to a non-HTTP address (${url.protocol})`);
  const next: OutgoingRequest = { ...req, url, headers: { ...req.headers } };
  // 303 always, and 301/302 after a POST (as browsers do), continue as a GET without the body.
  if (res.status === 303 || ((res.status === 301 || res.status === 302) && req.method === 'POST')) {
    next.method = 'GET';
    next.body = undefined;
    delete next.headers['content-type'];
  }
  if (url.origin !== req.url.origin) for (const name of authHeaderNames(service)) delete next.headers[name];
  return next;
}

/** The redirect chain for a message, without the query parameter that carries the credentials. */
export function describeChain(chain: string[], service: ServiceConfig): string {
  const hidden = service.auth?.type === 'query' ? service.auth.name : null;
  const paths = chain.map((href) => {
    const u = new URL(href);
    if (hidden) u.searchParams.delete(hidden);
    return `${u.pathname}${u.search}`;
  });
  const shown = paths.length > 6 ? [...paths.slice(0, 3), '...', ...paths.slice(-2)] : paths;
  return shown.join(' -> ');
}
