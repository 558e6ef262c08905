// What one answer says: its JSON, the items counted, rejected ones, totals, the next page.
import type { HttpHandlerConfig } from '../../../config/handlers.js';
import { snippet } from '../../text/sanitize.js';
import { TaskError } from '../types.js';
import { describeError, errorDetail, statusFailure } from './classify.js';
import { describeValue, getPath } from './json-path.js';
import type { Answer } from './request.js';

export interface Page {
  items: number | null;
  rejected: number;
  /** A few reasons the service gave for rejected items, already one-line and short. */
  rejectedReasons: string[];
  total: number | null;
  totalPages: number | null;
  /** Link or cursor to the next page, as found (not yet a URL). */
  next: { link: string } | { cursor: string } | null;
  /** The value to keep for the next run (resume.from), when present. */
  resume: unknown;
}

function needsJson(h: HttpHandlerConfig): boolean {
  return Boolean(h.items ?? h.total ?? h.totalPages ?? h.rejected ?? h.errorField ?? h.paging ?? h.resume);
}

function isJsonType(answer: Answer): boolean {
  return /\bjson\b|\+json/i.test(answer.headers['content-type'] ?? '');
}

function tryParse(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (err) {
    return { ok: false, error: (err as Error).message };
  }
}

/** Status first (a 502 page is HTML, not "invalid JSON"), then the JSON the handler needs. */
export function checkAnswer(answer: Answer, handler: HttpHandlerConfig): unknown {
  const parsed = answer.text.trim() === '' ? null : tryParse(answer.text);
  const json = parsed?.ok ? parsed.value : undefined;
  if (answer.status < 200 || answer.status >= 300) {
    const documented = handler.errorField ? describeError(getPath(json, handler.errorField)) : null;
    const general = errorDetail(json);
    // A bare code such as "invalid_token" says less than the description beside it.
    const detail =
      documented && general && general !== documented && /^[\w.-]+$/.test(documented)
        ? `${general} (${documented})`
        : (documented ?? general);
    throw statusFailure(answer.status, answer.statusText, detail, documented !== null);
  }
  if (parsed === null) {
    if (needsJson(handler))
      throw new TaskError('unknown', `the service answered ${answer.status} with an empty body; JSON was expected`);
    return undefined;
  }
  if (!parsed.ok && (needsJson(handler) || isJsonType(answer))) {
    const type = answer.headers['content-type'] ?? 'no content type';
    throw new TaskError(
      'unknown',
      `the answer is not valid JSON (${snippet(parsed.error, 120)}; ${type}): ${snippet(answer.text, 80)}`,
    );
  }
  if (json !== undefined && handler.errorField) {
    const error = describeError(getPath(json, handler.errorField));
    if (error) throw new TaskError('recognized', `the service reported an error: ${error}`);
  }
  return json;
}

function count(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^\d+$/.test(value.trim())) return Number(value);
  return null;
}

function rejectedReason(item: unknown): string {
  if (item && typeof item === 'object' && !Array.isArray(item)) {
    const o = item as Record<string, unknown>;
    const id = o.id ?? o.externalId ?? o.key;
    const why = describeError(o.reason ?? o.error ?? o.message ?? o.errors) ?? 'no reason given';
    return snippet(id === undefined ? why : `${typeof id === 'string' ? id : JSON.stringify(id)}: ${why}`, 120);
  }
  return snippet(describeError(item) ?? 'no reason given', 120);
}

export function readPage(json: unknown, handler: HttpHandlerConfig): Page {
  const unexpected = (path: string, what: string, found: unknown) =>
    new TaskError('unknown', `unexpected answer: expected ${what} at "${path}", found ${describeValue(found)}`);

  let items: number | null = null;
  if (handler.items) {
    const value = getPath(json, handler.items);
    if (Array.isArray(value)) items = value.length;
    else if (value === null) items = 0;
    else throw unexpected(handler.items, 'a list of items', value);
  }

  let rejected = 0;
  const rejectedReasons: string[] = [];
  if (handler.rejected) {
    const value = getPath(json, handler.rejected);
    if (Array.isArray(value)) {
      rejected = value.length;
      rejectedReasons.push(...value.slice(0, 3).map(rejectedReason));
    } else if (count(value) !== null) rejected = count(value)!;
    else if (value !== undefined && value !== null)
      throw unexpected(handler.rejected, 'a list or a count of rejected items', value);
  }

  let next: Page['next'] = null;
  const paging = handler.paging;
  if (paging?.next) {
    const value = getPath(json, paging.next);
    if (typeof value === 'string' && value.trim() !== '') next = { link: value.trim() };
    else if (value !== undefined && value !== null && value !== '' && value !== false)
      throw unexpected(paging.next, 'the next page link', value);
  } else if (paging?.cursor) {
    const value = getPath(json, paging.cursor);
    if ((typeof value === 'string' && value !== '') || typeof value === 'number') next = { cursor: String(value) };
  }

  const resume = handler.resume ? getPath(json, handler.resume.from) : undefined;
  return {
    items,
    rejected,
    rejectedReasons,
    total: handler.total ? count(getPath(json, handler.total)) : null,
    totalPages: handler.totalPages ? count(getPath(json, handler.totalPages)) : null,
    next,
    resume: resume === '' ? undefined : resume,
  };
}
