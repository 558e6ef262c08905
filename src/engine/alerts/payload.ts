// What an alert says (docs/alerts.md, "The payload"): the JSON a webhook receives and a
// command reads on stdin, with one human line in `text` that chat webhooks show as is.
// Every string is stripped of control characters and has the config's secrets redacted.
import type { AlertEvent } from '../../db/types.js';
import type { Redactor } from '../diagnostics/redact.js';
import { counted } from '../text/plural.js';
import { oneLine, snippet } from '../text/sanitize.js';
import type { ErrorClass, Outcome } from '../types.js';

export interface AlertRunFacts {
  id: number;
  outcome: Outcome;
  errorClass: ErrorClass | null;
  message: string | null;
  startedAt: number;
}

/** The facts an alert is made of, times in epoch ms. */
export interface AlertFacts {
  event: AlertEvent;
  task: { id: string; name: string; type: string; role: string; service: string; serviceName: string } | null;
  failingSince: number | null;
  failures: number;
  /** Interruptions in a row that made the last failure (0 when it was an error). */
  interruptions?: number;
  unrunnableSince: number | null;
  runnableOn: readonly string[];
  run: AlertRunFacts | null;
  /** The label of the instance that decided it (`olga@ws-3`). */
  instance: string;
  at: number;
}

/** The JSON every channel gets; field names are a contract (docs/alerts.md). */
export interface AlertPayload {
  event: AlertEvent;
  taskId: string | null;
  taskName: string | null;
  service: string | null;
  serviceName: string | null;
  type: string | null;
  role: string | null;
  failingSince: string | null;
  failures: number;
  unrunnableSince: string | null;
  runnableOn: string[];
  run: {
    id: number;
    outcome: Outcome;
    errorClass: ErrorClass | null;
    message: string | null;
    startedAt: string;
  } | null;
  instance: string;
  at: string;
  text: string;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const RUNS = { one: 'run', other: 'runs' } as const;
const FAILED_RUNS = { one: 'failed run', other: 'failed runs' } as const;

/** "02:14" on the same day as `at`, else "2026-11-29 02:14" (the deciding computer's local time). */
export function shortTime(ms: number, at: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  const hm = `${p(d.getHours())}:${p(d.getMinutes())}`;
  return new Date(at).toDateString() === d.toDateString()
    ? hm
    : `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${hm}`;
}

/** What went wrong, for the line: the service's message, else the outcome. */
function why(f: AlertFacts): string {
  const run = f.run;
  if (!run) return 'failed';
  if (run.outcome === 'interrupted')
    return `interrupted ${f.interruptions ?? 3} times in a row${run.message ? ` (${snippet(run.message, 120)})` : ''}`;
  return run.message ? snippet(run.message, 200) : run.outcome;
}

/** The one human line. */
export function alertText(f: AlertFacts): string {
  const t = f.task;
  const subject = t ? `${oneLine(t.name)} (${oneLine(t.serviceName)})` : 'syncdeck';
  const show = f.run ? ` — syncdeck show ${f.run.id}` : '';
  const since = (ms: number | null) => (ms === null ? '?' : shortTime(ms, f.at));
  switch (f.event) {
    case 'failing':
      return `${subject} failing since ${since(f.failingSince)}, ${counted('en', f.failures, RUNS)}: ${why(f)}${show}`;
    case 'recovered':
      return `${subject} recovered after ${counted('en', f.failures, FAILED_RUNS)} since ${since(f.failingSince)}${show}`;
    case 'unrunnable':
      return `${subject} cannot run: no running instance has the role ${oneLine(t?.role ?? '?')} (since ${since(f.unrunnableSince)})`;
    case 'runnable':
      return `${subject} can run again: ${f.runnableOn.map(oneLine).join(', ')} ${f.runnableOn.length === 1 ? 'has' : 'have'} the role ${oneLine(t?.role ?? '?')}`;
    case 'test':
      return `syncdeck test alert from ${oneLine(f.instance)}: alerts reach this channel`;
  }
}

/** The payload, every string redacted and one line (a message keeps no control characters). */
export function alertPayload(f: AlertFacts, redactor: Redactor): AlertPayload {
  const r = (s: string) => redactor.text(oneLine(s));
  const opt = (s: string | null | undefined) => (s === null || s === undefined ? null : r(s));
  const t = f.task;
  return {
    event: f.event,
    taskId: opt(t?.id),
    taskName: opt(t?.name),
    service: opt(t?.service),
    serviceName: opt(t?.serviceName),
    type: opt(t?.type),
    role: opt(t?.role),
    failingSince: iso(f.failingSince),
    failures: f.failures,
    unrunnableSince: iso(f.unrunnableSince),
    runnableOn: f.runnableOn.map(r),
    run: f.run && {
      id: f.run.id,
      outcome: f.run.outcome,
      errorClass: f.run.errorClass,
      message: opt(f.run.message && snippet(f.run.message, 500)),
      startedAt: iso(f.run.startedAt)!,
    },
    instance: r(f.instance),
    at: iso(f.at)!,
    text: r(alertText(f)),
  };
}
