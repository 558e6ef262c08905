// Moves every time in a row between the caller's clock and the server's (see clock.ts).
import type {
  DefinitionsSync,
  ExchangeInput,
  ExchangeRow,
  FinishRunInput,
  FleetClaim,
  FleetConfigRow,
  HistoryFilter,
  InstanceInput,
  InstanceRow,
  LogLineInput,
  LogRow,
  RunRow,
  ScheduleState,
  ServiceRow,
  StartRunInput,
  TaskRow,
} from '../types.js';

export type Shift = (t: number) => number;

const opt = (f: Shift, t: number | null): number | null => (t === null ? null : f(t));

export function shiftTask(r: TaskRow, f: Shift): TaskRow {
  return {
    ...r,
    updatedAt: f(r.updatedAt),
    failingSince: opt(f, r.failingSince),
    lastFinishedAt: opt(f, r.lastFinishedAt),
    lastStartedAt: opt(f, r.lastStartedAt),
    nextRunAt: opt(f, r.nextRunAt),
    leaseExpiresAt: opt(f, r.leaseExpiresAt),
    stopRequestedAt: opt(f, r.stopRequestedAt),
  };
}

export function shiftRun(r: RunRow, f: Shift): RunRow {
  return {
    ...r,
    startedAt: f(r.startedAt),
    finishedAt: opt(f, r.finishedAt),
    detailsExpireAt: opt(f, r.detailsExpireAt),
    detailsPurgedAt: opt(f, r.detailsPurgedAt),
  };
}

export function shiftInstance<T extends InstanceRow | InstanceInput>(r: T, f: Shift): T {
  return { ...r, startedAt: f(r.startedAt), heartbeatAt: f(r.heartbeatAt), stoppedAt: opt(f, r.stoppedAt) };
}

export function shiftService(r: ServiceRow, f: Shift): ServiceRow {
  return { ...r, updatedAt: f(r.updatedAt) };
}

export function shiftAt<T extends LogRow | LogLineInput | ExchangeRow | ExchangeInput>(r: T, f: Shift): T {
  return { ...r, at: f(r.at) };
}

export function shiftSchedule(s: ScheduleState, f: Shift): ScheduleState {
  return { ...s, failingSince: opt(f, s.failingSince), nextRunAt: opt(f, s.nextRunAt) };
}

export function shiftStart(i: StartRunInput, f: Shift): StartRunInput {
  return { ...i, now: f(i.now), interruptedDetailsExpireAt: f(i.interruptedDetailsExpireAt) };
}

export function shiftFinish(i: FinishRunInput, f: Shift): FinishRunInput {
  return {
    ...i,
    finishedAt: f(i.finishedAt),
    detailsExpireAt: f(i.detailsExpireAt),
    schedule: i.schedule && shiftSchedule(i.schedule, f),
    ...(i.log ? { log: i.log.map((l) => shiftAt(l, f)) } : {}),
  };
}

export function shiftFilter(h: HistoryFilter, f: Shift): HistoryFilter {
  if (h.since === undefined && h.until === undefined) return h;
  return {
    ...h,
    since: h.since === undefined ? undefined : f(h.since),
    until: h.until === undefined ? undefined : f(h.until),
  };
}

export function shiftFleet(r: FleetConfigRow, f: Shift): FleetConfigRow {
  return { ...r, writtenAt: f(r.writtenAt) };
}

/** `f` moves a time to the server's clock, `back` to the caller's: the claim's nextRunAt is asked with a stored time and answers one to store. */
export function shiftClaim(c: FleetClaim, f: Shift, back: Shift): FleetClaim {
  const ask = c.nextRunAt;
  const nextRunAt =
    ask && ((taskId: string, lastFinishedAt: number | null) => opt(f, ask(taskId, opt(back, lastFinishedAt))));
  return { ...c, fileModifiedAt: c.fileModifiedAt === null ? null : f(c.fileModifiedAt), nextRunAt };
}

export function shiftSync(s: DefinitionsSync, f: Shift): DefinitionsSync {
  return { ...s, fleet: s.fleet && shiftFleet(s.fleet, f) };
}
