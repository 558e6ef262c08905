// The outcome mix of generated runs: mostly success, some warnings, errors of every
// class, a few cancelled and interrupted runs; plus a few ongoing outages so that the
// dashboard has failing tasks and a service that is "probably down".
import type { Rng } from './random.js';
import type { BenchDefinitions } from './gen-definitions.js';
import { errorMessage, INTERRUPTED_MESSAGE, nounOf, type ErrorClassName } from './gen-text.js';

export type GenOutcome = 'success' | 'warning' | 'error' | 'cancelled' | 'interrupted';

export interface RunEnd {
  outcome: GenOutcome;
  errorClass: ErrorClassName | null;
  message: string | null;
  stoppedBy: string | null;
  items: number;
}

/** Cumulative shares of the random mix. */
const MIX: [number, GenOutcome, ErrorClassName | null][] = [
  [0.855, 'success', null],
  [0.915, 'warning', null],
  [0.94, 'error', 'network'],
  [0.95, 'error', 'auth'],
  [0.965, 'error', 'recognized'],
  [0.975, 'error', 'unknown'],
  [0.9875, 'cancelled', null],
  [1, 'interrupted', null],
];

interface Outage {
  since: number;
  matches: (taskId: string, serviceId: string) => boolean;
  errorClass: ErrorClassName;
}

export function outagesOf(defs: BenchDefinitions, now: number): Outage[] {
  const svc = (share: number) =>
    defs.services[Math.min(defs.services.length - 1, Math.floor(defs.services.length * share))]!.id;
  const down = svc(0.35);
  const erroring = svc(0.65);
  const expired = defs.tasks[Math.min(3, defs.tasks.length - 1)]!.id;
  return [
    { since: now - 5 * 3_600_000, matches: (_t, s) => s === down, errorClass: 'network' },
    { since: now - 40 * 60_000, matches: (_t, s) => s === erroring, errorClass: 'recognized' },
    { since: now - 26 * 3_600_000, matches: (t) => t === expired, errorClass: 'auth' },
  ];
}

export function runEnd(
  rng: Rng,
  outages: Outage[],
  task: { id: string; service: string; type: string },
  startedAt: number,
  users: readonly string[],
): RunEnd {
  const items = rng.int(0, 120);
  const noun = nounOf(task.type);
  for (const o of outages) {
    if (startedAt >= o.since && o.matches(task.id, task.service)) {
      return {
        outcome: 'error',
        errorClass: o.errorClass,
        message: errorMessage(rng, o.errorClass),
        stoppedBy: null,
        items: 0,
      };
    }
  }
  const r = rng.next();
  const [, outcome, errorClass] = MIX.find(([share]) => r < share)!;
  switch (outcome) {
    case 'success':
      return { outcome, errorClass, message: `${items} ${noun}`, stoppedBy: null, items };
    case 'warning': {
      const rejected = rng.int(1, Math.max(1, Math.floor(items / 4) + 1));
      return {
        outcome,
        errorClass,
        message: `${items} ${noun} (${rejected} of ${items + rejected} rejected)`,
        stoppedBy: null,
        items,
      };
    }
    case 'error':
      return { outcome, errorClass, message: errorMessage(rng, errorClass!), stoppedBy: null, items: 0 };
    case 'cancelled': {
      const by = rng.pick(users);
      return { outcome, errorClass, message: `stopped by ${by}`, stoppedBy: by, items };
    }
    case 'interrupted':
      return { outcome, errorClass, message: INTERRUPTED_MESSAGE, stoppedBy: null, items };
  }
}

/** How long a run with this end took, in ms (a timeout takes the whole 30 s). */
export function durationOf(rng: Rng, end: RunEnd, type: string): number {
  if (end.errorClass === 'network') return end.message?.startsWith('timed out') ? 30_000 : rng.int(5, 60);
  if (end.outcome === 'error') return rng.int(80, 900);
  const base = type === 'schedule' ? 3 : 1;
  return Math.round(base * (150 + rng.next() * rng.next() * 9_000));
}
