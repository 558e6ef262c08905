// A fake engine with a small history for the history screen's tests: one run of each kind
// the screen draws differently, on three tasks of three services.
import type { RunDetails } from '../../src/engine/types.js';
import { AT_1402, FakeEngine, makeRun, makeTask, MINUTE, type FakeEngineOptions } from './fake-engine.js';

const DAY = 24 * 60 * MINUTE;
/** 28 Nov 14:02: two days after AT_1402 (a network or auth error's retention). */
export const KEPT_UNTIL = AT_1402 + 2 * DAY;

const calls = {
  taskId: 'calls',
  taskName: 'Receive calls',
  service: 'telephony',
  serviceName: 'Telephony',
  type: 'calls',
};
const leads = {
  taskId: 'leads',
  taskName: 'Receive leads',
  service: 'leads',
  serviceName: 'Lead aggregator',
  type: 'leads',
};
const schedule = {
  taskId: 'schedule',
  taskName: 'Upload schedule',
  service: 'booking',
  serviceName: 'Online booking',
  type: 'schedule',
};

export function historyRuns(): RunDetails[] {
  const at = (minutes: number) => AT_1402 - minutes * MINUTE;
  return [
    makeRun({
      id: 21,
      ...calls,
      startedAt: at(50),
      outcome: 'success',
      message: '47 calls received',
      detailsPurged: true,
      detailsPurgedAt: AT_1402 - DAY,
    }),
    makeRun({
      id: 22,
      ...schedule,
      startedAt: at(40),
      outcome: 'warning',
      message: '2 slots rejected',
      detailsKeptUntil: at(40) + 7 * DAY,
    }),
    makeRun({
      id: 23,
      ...leads,
      startedAt: at(30),
      trigger: 'manual',
      startedBy: 'olga',
      instance: 'inst-b',
      instanceLabel: 'olga@front-desk',
      outcome: 'error',
      errorClass: 'auth',
      message: '401 Unauthorized: token expired',
      hasDiagnostics: true,
      detailsKeptUntil: KEPT_UNTIL,
      log: [
        { at: at(30), level: 'info', message: 'GET /leads?page=1' },
        { at: at(30) + 900, level: 'error', message: '401 Unauthorized: token expired' },
      ],
      exchanges: [
        {
          at: at(30),
          request: {
            method: 'GET',
            url: 'https://partner.leads.example/leads?page=1',
            headers: { 'X-Api-Key': '[redacted]' },
            body: null,
          },
          response: { status: 401, headers: {}, body: '{"error":"token expired"}' },
          error: null,
          durationMs: 90,
        },
      ],
    }),
    makeRun({
      id: 24,
      ...calls,
      startedAt: at(20),
      outcome: 'cancelled',
      stoppedBy: 'anna',
      detailsKeptUntil: at(20) + 7 * DAY,
    }),
    makeRun({
      id: 25,
      ...calls,
      startedAt: at(10),
      outcome: 'success',
      message: '12 calls received',
      detailsKeptUntil: at(10) + 7 * DAY,
      log: [{ at: at(10), level: 'info', message: 'fetched page 1' }],
    }),
  ];
}

export function historyEngine(options: FakeEngineOptions = {}): FakeEngine {
  return new FakeEngine({
    tasks: [
      makeTask({ id: 'calls', name: 'Receive calls' }),
      makeTask({ id: 'leads', name: 'Receive leads', type: 'leads', service: 'leads', serviceName: 'Lead aggregator' }),
      makeTask({
        id: 'schedule',
        name: 'Upload schedule',
        type: 'schedule',
        service: 'booking',
        serviceName: 'Online booking',
      }),
    ],
    runs: historyRuns(),
    ...options,
  });
}

/** The screen line that shows a run, found by its task name and outcome word. */
export const rowOf = (frame: string, ...parts: string[]) =>
  frame.split('\n').find((line) => parts.every((p) => line.includes(p))) ?? '';

/** The cursor row: the one marked with the cursor glyph. */
export const cursorLine = (frame: string, cursor = '›') =>
  frame.split('\n').find((line) => line.startsWith(cursor)) ?? '';
