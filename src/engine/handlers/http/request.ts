// One HTTP exchange of the http handler, through ctx.http (node:http, recorded for the
// diagnostics): URL and headers with the service's auth, one timeout for the request and
// its redirects, the run's signal, redirects followed by hand (so a loop is an error, not
// a hang) and the body read under a size cap.
import type { HttpHandlerConfig } from '../../../config/handlers.js';
import type { ServiceConfig } from '../../../config/schema.js';
import { isRequestTimeout } from '../../http-client/errors.js';
import { TaskError, type HandlerContext } from '../types.js';
import { networkFailure } from './classify.js';
import { discardBody, readBodyCapped } from './read-body.js';
import { describeChain, REDIRECTS, redirected } from './redirect.js';

export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

export interface OutgoingRequest {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body?: string;
}

export interface Answer {
  url: URL;
  status: number;
  statusText: string;
  /** Lower-case names. */
  headers: Record<string, string>;
  text: string;
}

/** The service's base URL joined with the handler's path: `http://h/api` + `/calls` → `http://h/api/calls`. */
export function joinUrl(baseUrl: string | undefined, path: string): URL {
  if (/^https?:\/\//i.test(path)) return new URL(path);
  if (!baseUrl)
    throw new TaskError(
      'unknown',
      `the service has no baseUrl, and the handler's path "${path}" is not an absolute URL`,
    );
  const base = new URL(baseUrl);
  const [pathPart, queryPart] = path.split('?', 2) as [string, string | undefined];
  base.pathname = `${base.pathname.replace(/\/+$/, '')}/${pathPart.replace(/^\/+/, '')}`;
  if (queryPart) for (const [k, v] of new URLSearchParams(queryPart)) base.searchParams.append(k, v);
  return base;
}

export function buildRequest(
  service: ServiceConfig,
  handler: HttpHandlerConfig,
  resume: { param: string; value: unknown } | null,
): OutgoingRequest {
  const url = joinUrl(service.baseUrl, handler.path);
  for (const [k, v] of Object.entries(handler.query ?? {})) url.searchParams.set(k, String(v));
  if (resume) url.searchParams.set(resume.param, String(resume.value));
  const headers: Record<string, string> = { accept: 'application/json', 'user-agent': 'syncdeck' };
  for (const [k, v] of Object.entries({ ...service.headers, ...handler.headers })) headers[k.toLowerCase()] = v;
  const auth = service.auth;
  if (auth?.type === 'bearer') headers.authorization = `Bearer ${auth.token}`;
  if (auth?.type === 'basic')
    headers.authorization = `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`;
  if (auth?.type === 'header') headers[auth.name.toLowerCase()] = auth.value;
  if (auth?.type === 'query') url.searchParams.set(auth.name, auth.value);
  let body: string | undefined;
  if (handler.body !== undefined && handler.method !== 'GET') {
    body = JSON.stringify(handler.body);
    headers['content-type'] ??= 'application/json';
  }
  return { method: handler.method, url, headers, body };
}

/** Sends the request and reads the answer; every failure to get one becomes a classified TaskError. */
export async function send(
  ctx: HandlerContext,
  first: OutgoingRequest,
  options: { maxBytes: number; maxRedirects: number },
): Promise<Answer> {
  const timeoutMs = ctx.service.requestTimeout ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const deadline = performance.now() + timeoutMs;
  let req = { ...first, headers: { ...first.headers } };
  const chain = [req.url.href];
  try {
    for (;;) {
      const res = await ctx.http({
        method: req.method,
        url: req.url,
        headers: req.headers,
        body: req.body,
        signal: ctx.signal,
        timeoutMs: Math.max(1, deadline - performance.now()),
      });
      if (!REDIRECTS.has(res.status)) {
        const text = await readBodyCapped(res, options.maxBytes);
        return { url: req.url, status: res.status, statusText: res.statusText, headers: res.headers, text };
      }
      await discardBody(res);
      req = redirected(req, res, ctx.service);
      const seenBefore = chain.includes(req.url.href);
      chain.push(req.url.href);
      if (seenBefore) throw new TaskError('unknown', `redirect loop: ${describeChain(chain, ctx.service)}`);
      if (chain.length - 1 > options.maxRedirects) {
        throw new TaskError(
          'unknown',
          `too many redirects (more than ${options.maxRedirects}, maxRedirects): ${describeChain(chain, ctx.service)}`,
        );
      }
    }
  } catch (err) {
    if (ctx.signal.aborted) throw ctx.signal.reason ?? err;
    if (err instanceof TaskError) throw err;
    if (isRequestTimeout(err) || performance.now() >= deadline)
      throw new TaskError('network', `${req.url.host} did not answer within ${formatMs(timeoutMs)} (requestTimeout)`);
    throw networkFailure(err, req.url) ?? err;
  }
}

function formatMs(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms} ms`;
}
