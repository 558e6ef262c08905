// The JSON shapes of `syncdeck alerts` (docs/alerts.md, "Seeing alerts"): field names are a contract.
import type { AlertTestResult, AlertView } from '../../engine/types.js';
import { iso } from './time.js';

export function alertJson(a: AlertView) {
  return {
    id: a.id,
    event: a.event,
    taskId: a.taskId,
    runId: a.runId,
    createdAt: iso(a.createdAt),
    createdBy: a.createdBy,
    text: a.text,
    deliveries: a.deliveries.map((d) => ({
      channel: d.channel,
      state: d.state,
      attempts: d.attempts,
      nextAttemptAt: iso(d.nextAttemptAt),
      lastAttemptAt: iso(d.lastAttemptAt),
      deliveredAt: iso(d.deliveredAt),
      lastError: d.lastError,
      attemptLog: d.attemptLog.map((x) => ({
        at: iso(x.at),
        instance: x.instance,
        ok: x.ok,
        status: x.status,
        message: x.message,
        durationMs: x.durationMs,
      })),
    })),
    payload: a.payload,
  };
}

export function alertTestJson(r: AlertTestResult) {
  return { channel: r.channel, kind: r.kind, ok: r.ok, status: r.status, message: r.message };
}
