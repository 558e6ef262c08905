// The JSON shapes of docs/cli.md (JSON shapes): field names are a contract.
import { asciiLocale } from '../../engine/text/ascii.js';
import { recentRuns } from '../../engine/recent-runs.js';
import type { InstanceView, RunDetails, RunSummary, TaskView } from '../../engine/types.js';
import { iso } from './time.js';

export function runSummaryJson(r: RunSummary) {
  return {
    id: r.id,
    taskId: r.taskId,
    service: r.service,
    type: r.type,
    trigger: r.trigger,
    startedBy: r.startedBy,
    instance: r.instance,
    instanceLabel: r.instanceLabel,
    instanceKind: r.instanceKind,
    instancePid: r.instancePid,
    startedAt: iso(r.startedAt),
    finishedAt: iso(r.finishedAt),
    durationMs: r.durationMs,
    outcome: r.outcome,
    errorClass: r.errorClass,
    message: r.message,
    detailsPurged: r.detailsPurged,
    taskName: r.taskName,
    stoppedBy: r.stoppedBy,
    hasDiagnostics: r.hasDiagnostics,
    detailsKeptUntil: iso(r.detailsKeptUntil),
    detailsPurgedAt: iso(r.detailsPurgedAt),
  };
}

export function taskStatusJson(t: TaskView) {
  return {
    id: t.id,
    name: t.name,
    type: t.type,
    service: t.service,
    role: t.role,
    status: t.status,
    paused: t.paused,
    progress: t.progress,
    intervalSec: t.intervalMs === null ? null : t.intervalMs / 1000,
    effectiveIntervalSec: t.effectiveIntervalMs === null ? null : t.effectiveIntervalMs / 1000,
    failures: t.failures,
    failingSince: iso(t.failingSince),
    nextRunAt: iso(t.nextRunAt),
    runningOn: t.runningOn,
    lastRun: t.lastRun ? runSummaryJson(t.lastRun) : null,
    runnableOn: t.runnableOn,
    notRunnableReason: t.idle,
    interruptions: t.interruptions,
    runningOnLabel: t.runningOnLabel,
    lastOutcome: t.last?.outcome ?? null,
    lastStartedAt: iso(t.last?.startedAt ?? null),
    schedule: t.cron,
    repeat: t.repeat,
    // decodeRecent's entries are this shape already ({ runId, outcome, durationMs }): not copied (10 000 objects for 500 tasks).
    recent: recentRuns(t.recentRing),
  };
}

export function instanceJson(i: InstanceView) {
  return {
    label: i.label,
    user: i.user,
    host: i.host,
    pid: i.pid,
    kind: i.kind,
    version: i.version,
    roles: i.roles,
    startedAt: iso(i.startedAt),
    heartbeatAt: iso(i.heartbeatAt),
    clockSkewMs: i.clockSkewMs,
    running: i.running,
    id: i.id,
    osUser: i.osUser,
    schedules: i.schedules,
  };
}

export function runDetailsJson(d: RunDetails) {
  return {
    ...runSummaryJson(d),
    interruptedInARow: d.interruptedInARow,
    log: d.log.map((l) => ({ at: iso(l.at), level: l.level, message: l.message })),
    exchanges: d.exchanges.map((e) => ({ ...e, at: iso(e.at) })),
  };
}

/**
 * JSON.stringify escapes C0 controls but leaves DEL and the 8-bit C1 controls (U+0080-U+009F,
 * CSI and OSC among them) raw: escaped here too, so JSON output is as inert as plain text.
 * With `ascii` (a locale that is not UTF-8) every non-ASCII character is escaped as well
 * (\uXXXX): the output is pure ASCII and any JSON parser reads the very same text from it.
 */
export function jsonText(value: unknown, indent?: number, ascii = false): string {
  return escapeControls(JSON.stringify(value, null, indent), ascii);
}

/** JSON text with DEL and the C1 controls (with `ascii`, every non-ASCII character) escaped as \uXXXX: see jsonText. */
function escapeControls(text: string, ascii: boolean): string {
  const escaped = ascii ? /[\u007f-\uffff]/g : /[\u007f-\u009f]/g;
  return text.replace(escaped, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The UTF-8 holds DEL or a C1 control (U+0080-U+009F, written 0xC2 0x80-0x9F; 0xC2 is never a continuation byte). */
export function hasC1Control(bytes: Buffer): boolean {
  if (bytes.indexOf(0x7f) !== -1) return true;
  for (let i = bytes.indexOf(0xc2); i !== -1; i = bytes.indexOf(0xc2, i + 1)) if (bytes[i + 1]! <= 0x9f) return true;
  return false;
}

/**
 * Writes JSON text (made by JSON.stringify) with jsonText's escaping. Usually there is nothing
 * to escape: a byte search of the UTF-8 that is written anyway says so at once, where a regex
 * over the text of 500 tasks (1.6 MB) took ~10 ms.
 */
export function writeJsonText(
  text: string,
  ascii: boolean,
  write: (chunk: string | Uint8Array) => void = (chunk) => void process.stdout.write(chunk),
): void {
  if (!ascii) {
    const bytes = Buffer.from(text);
    if (!hasC1Control(bytes)) return write(bytes);
  }
  write(escapeControls(text, ascii));
}

export function printJson(value: unknown): void {
  writeJsonText(`${JSON.stringify(value, null, 2)}\n`, asciiLocale(process.env));
}
