// Moves every time in an alert row between the caller's clock and the server's (see clock.ts).
import type {
  AlertListing,
  AlertRow,
  AttemptInput,
  ChannelTroubleRow,
  ClaimInput,
  ClaimedDelivery,
  DeliveryResult,
  DeliveryRow,
  NewAlert,
  UnrunnableRow,
} from '../alert-types.js';
import type { Shift } from './time-rows.js';

const opt = (f: Shift, t: number | null): number | null => (t === null ? null : f(t));

export function shiftNewAlert(a: NewAlert, f: Shift): NewAlert {
  return { ...a, now: f(a.now) };
}

export function shiftAlert<T extends AlertRow>(a: T, f: Shift): T {
  return { ...a, createdAt: f(a.createdAt) };
}

export function shiftDelivery<T extends DeliveryRow>(d: T, f: Shift): T {
  return {
    ...d,
    nextAttemptAt: opt(f, d.nextAttemptAt),
    claimExpiresAt: opt(f, d.claimExpiresAt),
    lastAttemptAt: opt(f, d.lastAttemptAt),
    deliveredAt: opt(f, d.deliveredAt),
    createdAt: f(d.createdAt),
  };
}

export function shiftAttempt<T extends AttemptInput>(a: T, f: Shift): T {
  return { ...a, at: f(a.at) };
}

export function shiftListing(a: AlertListing, f: Shift): AlertListing {
  return {
    ...shiftAlert(a, f),
    deliveries: a.deliveries.map((d) => ({
      ...shiftDelivery(d, f),
      attemptLog: d.attemptLog.map((x) => shiftAttempt(x, f)),
    })),
  };
}

export function shiftClaimed(c: ClaimedDelivery, f: Shift): ClaimedDelivery {
  return { delivery: shiftDelivery(c.delivery, f), alert: shiftAlert(c.alert, f) };
}

export function shiftClaim(c: ClaimInput, f: Shift): ClaimInput {
  return { ...c, now: f(c.now) };
}

export function shiftResult(r: DeliveryResult, f: Shift): DeliveryResult {
  return { ...r, attempt: shiftAttempt(r.attempt, f), nextAttemptAt: opt(f, r.nextAttemptAt) };
}

export function shiftTrouble(t: ChannelTroubleRow, f: Shift): ChannelTroubleRow {
  return { ...t, failingSince: f(t.failingSince) };
}

export function shiftUnrunnable(u: UnrunnableRow, f: Shift): UnrunnableRow {
  return { ...u, since: f(u.since) };
}
