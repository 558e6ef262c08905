// How a run ended, from why it was aborted (if it was) and what the handler did. Pure.
import { formatDuration } from '../../config/duration.js';
import type { ErrorClass, Outcome } from '../../db/types.js';
import { errorClassOf, type HandlerResult } from '../handlers/types.js';

export type AbortReason =
  | { kind: 'timeout' }
  | { kind: 'stop'; by: string }
  | { kind: 'lease-lost' }
  | { kind: 'shutdown'; outcome: 'cancelled' | 'interrupted'; why: string };

export type HandlerSettled =
  { ok: true; value: HandlerResult | void } | { ok: false; error: unknown } | { abandoned: true };

export interface RunEnd {
  outcome: Outcome;
  errorClass: ErrorClass | null;
  message: string | null;
  stoppedBy: string | null;
}

export const LEASE_LOST_MESSAGE =
  'lost its lease (the database was unreachable or another instance took the task over)';

export function outcomeOf(
  reason: AbortReason | null,
  result: HandlerSettled,
  warnings: readonly string[],
  limits: { timeoutMs: number; stopGraceMs: number },
  clean: (text: string) => string,
): RunEnd {
  const end = (
    outcome: Outcome,
    errorClass: ErrorClass | null,
    message: string | null,
    stoppedBy: string | null = null,
  ): RunEnd => ({ outcome, errorClass, message, stoppedBy });
  switch (reason?.kind) {
    case 'timeout':
      return end('error', 'network', `timed out after ${formatDuration(limits.timeoutMs)}`);
    case 'stop':
      return end('cancelled', null, `stopped by ${reason.by}`, reason.by);
    case 'lease-lost':
      return end('interrupted', null, LEASE_LOST_MESSAGE);
    case 'shutdown':
      return end(reason.outcome, null, reason.why);
    default:
  }
  if ('abandoned' in result)
    return end('error', 'unknown', `the handler did not stop within ${formatDuration(limits.stopGraceMs)}`);
  if (result.ok) {
    const value = result.value;
    const message =
      value && typeof value === 'object' && typeof value.message === 'string' ? clean(value.message) : null;
    if (warnings.length > 0) {
      const summary = warnings.length === 1 ? warnings[0]! : `${warnings.length} warnings; first: ${warnings[0]}`;
      return end('warning', null, message ? `${message} (${summary})` : summary);
    }
    return end('success', null, message);
  }
  const err = result.error as { message?: unknown } | null;
  const text = typeof err?.message === 'string' && err.message ? err.message : String(result.error);
  return end('error', errorClassOf(result.error), clean(text));
}
