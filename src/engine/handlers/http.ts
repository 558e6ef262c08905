// The `http` handler (docs/tasks.md, The http handler): requests against the service's base URL with its
// auth, paging, item counting, progress, a resume cursor kept between runs, and every
// failure classified. Each request goes through ctx.http (node:http), so it is in the diagnostics.
import type { HttpHandlerConfig } from '../../config/handlers.js';
import { snippet } from '../text/sanitize.js';
import { statusLine } from './http/classify.js';
import { checkAnswer, readPage, type Page } from './http/page.js';
import { nextRequest } from './http/paging.js';
import { buildRequest, send } from './http/request.js';
import { TaskError, type Handler, type HandlerContext } from './types.js';

/** The task-state key of the resume cursor. */
export const RESUME_STATE_KEY = 'http.resume';

interface Totals {
  pages: number;
  items: number;
  rejected: number;
  /** Stopped at maxPages with pages left. */
  more: boolean;
  lastStatus: string;
}

export const httpHandler: Handler = async (ctx) => {
  const handler = ctx.handler;
  if (handler.kind !== 'http') throw new TaskError('unknown', `the http handler got a ${handler.kind} task`);
  const saved = handler.resume ? ctx.state.get(RESUME_STATE_KEY) : undefined;
  const resume =
    handler.resume && saved !== undefined && saved !== null ? { param: handler.resume.param, value: saved } : null;
  const first = buildRequest(ctx.service, handler, resume);
  if (resume)
    ctx.log(
      `continuing where the last run stopped (${resume.param}=${snippet(typeof resume.value === 'string' ? resume.value : JSON.stringify(resume.value), 80)})`,
    );

  const noun = itemNoun(handler, ctx.task.type);
  const maxPages = handler.paging?.maxPages ?? 1;
  const totals: Totals = { pages: 0, items: 0, rejected: 0, more: false, lastStatus: '' };
  const visited = new Set<string>();
  let request = first;
  for (;;) {
    ctx.signal.throwIfAborted();
    visited.add(request.url.href);
    const answer = await send(ctx, request, { maxBytes: handler.maxResponseBytes, maxRedirects: handler.maxRedirects });
    const page = readPage(checkAnswer(answer, handler), handler);
    totals.pages++;
    totals.items += page.items ?? 0;
    totals.rejected += page.rejected;
    totals.lastStatus = statusLine(answer.status, answer.statusText);
    if (page.resume !== undefined && page.resume !== null) ctx.state.set(RESUME_STATE_KEY, page.resume);
    reportPage(ctx, handler, page, totals, noun);

    if (!page.next || page.items === 0) break;
    const next = nextRequest(first, answer.url, page.next, handler.paging?.cursorParam ?? 'cursor', ctx.service);
    if (visited.has(next.url.href)) {
      throw new TaskError(
        'unknown',
        `unexpected answer: paging loops (page ${totals.pages + 1} points back to ${next.url.pathname}${next.url.search ? '?...' : ''})`,
      );
    }
    if (totals.pages >= maxPages) {
      totals.more = true;
      ctx.log(`stopped after ${maxPages} pages (paging.maxPages); the rest is left for the next run`);
      break;
    }
    request = next;
  }
  return { message: summary(handler, totals, noun) };
};

function reportPage(ctx: HandlerContext, handler: HttpHandlerConfig, page: Page, totals: Totals, noun: string): void {
  if (page.total !== null) ctx.progress(Math.min(totals.items, page.total), page.total);
  else if (page.totalPages !== null) ctx.progress(Math.min(totals.pages, page.totalPages), page.totalPages);
  else if (handler.paging) ctx.progress(handler.items ? totals.items : totals.pages, null);
  else ctx.progress(1, 1);

  if (handler.paging) {
    const which = page.totalPages !== null ? `page ${totals.pages} of ${page.totalPages}` : `page ${totals.pages}`;
    const what = page.items === null ? totals.lastStatus : counted(page.items, noun);
    const sofar = page.total !== null ? ` (${totals.items} of ${page.total})` : '';
    ctx.log(`${which}: ${what}${sofar}`);
  }
  if (page.rejected > 0) {
    const where = handler.paging && (totals.pages > 1 || page.next) ? ` on page ${totals.pages}` : '';
    const reasons =
      page.rejectedReasons.length > 0
        ? `: ${page.rejectedReasons.join('; ')}${page.rejected > page.rejectedReasons.length ? '; ...' : ''}`
        : '';
    ctx.warn(`${counted(page.rejected, noun)} rejected${where}${reasons}`);
  }
}

function summary(handler: HttpHandlerConfig, totals: Totals, noun: string): string {
  const pages = totals.pages > 1 ? ` in ${totals.pages} pages` : '';
  const rejected = totals.rejected > 0 ? `, ${totals.rejected} rejected` : '';
  const more = totals.more ? '; more are left for the next run' : '';
  if (!handler.items) return `${handler.method} ${handler.path}: ${totals.lastStatus}${pages}${rejected}${more}`;
  return `${counted(totals.items, noun)} ${handler.method === 'GET' ? 'received' : 'processed'}${pages}${rejected}${more}`;
}

const GENERIC = new Set([
  'items',
  'data',
  'results',
  'result',
  'records',
  'rows',
  'list',
  'value',
  'entries',
  'objects',
]);
const TYPE_NOUNS: Record<string, string> = { calls: 'calls', leads: 'leads', messages: 'messages' };

/** "leads" for `items: data.leads`; for a generic path, the task type's noun ("calls"); else "items". */
function itemNoun(handler: HttpHandlerConfig, taskType: string): string {
  const last =
    handler.items
      ?.split(/[.[\]]/)
      .filter(Boolean)
      .pop() ?? '';
  if (/^[a-z][a-z_-]{1,30}$/i.test(last) && !GENERIC.has(last.toLowerCase())) return last.replace(/[_-]/g, ' ');
  return TYPE_NOUNS[taskType] ?? 'items';
}

function counted(n: number, noun: string): string {
  return `${n} ${n === 1 && noun.endsWith('s') ? noun.slice(0, -1) : noun}`;
}
