// The command handler's protocol: one JSON object per stdout line (docs/tasks.md, The command handler).
//   {"progress":[3,10]}  {"log":"…"}  {"warning":"…"}  {"error":{"class":"auth","message":"…"}}
//   {"result":"…"}  the run's summary message (optional)
// Any other line is a plain log line.
import type { ErrorClass } from '../../types.js';
import { errorClassOf } from '../types.js';

export type ProtocolLine =
  | { kind: 'progress'; done: number; total: number | null }
  | { kind: 'log'; text: string }
  | { kind: 'warning'; text: string }
  | { kind: 'error'; errorClass: ErrorClass; message: string }
  | { kind: 'result'; text: string }
  | { kind: 'text'; text: string };

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function text(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

export function parseProtocolLine(line: string): ProtocolLine {
  const trimmed = line.trim();
  if (!trimmed.startsWith('{')) return { kind: 'text', text: line };
  let msg: unknown;
  try {
    msg = JSON.parse(trimmed);
  } catch {
    return { kind: 'text', text: line };
  }
  if (!msg || typeof msg !== 'object' || Array.isArray(msg)) return { kind: 'text', text: line };
  const m = msg as Record<string, unknown>;
  if ('progress' in m) {
    const p = m.progress;
    if (Array.isArray(p) && finite(p[0])) return { kind: 'progress', done: p[0], total: finite(p[1]) ? p[1] : null };
    if (finite(p)) return { kind: 'progress', done: p, total: null };
    const o = p as { done?: unknown; total?: unknown } | null;
    if (o && finite(o.done)) return { kind: 'progress', done: o.done, total: finite(o.total) ? o.total : null };
  }
  if ('log' in m) return { kind: 'log', text: text(m.log) };
  if ('warning' in m) return { kind: 'warning', text: text(m.warning) };
  if ('error' in m) {
    const e = m.error;
    if (e && typeof e === 'object') {
      const o = e as { class?: unknown; errorClass?: unknown; message?: unknown };
      return {
        kind: 'error',
        errorClass: errorClassOf(o),
        message: typeof o.message === 'string' && o.message ? o.message : 'the program reported an error',
      };
    }
    return { kind: 'error', errorClass: 'unknown', message: text(e) };
  }
  if ('result' in m) return { kind: 'result', text: text(m.result) };
  return { kind: 'text', text: line };
}
