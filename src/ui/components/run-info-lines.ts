// The run information popup as screen lines (pure): the summary, how long the details are
// kept (or when they were removed), the errors, and the progress log.
import { oneLine, stripControls } from '../../engine/text/sanitize.js';
import type { Exchange, RunDetails, RunSummary } from '../../engine/types.js';
import { formatClock, formatDayClock, formatDuration } from '../format.js';
import type { Catalogue } from '../i18n/index.js';
import { cellWidth, wrapText } from '../text/cells.js';
import type { Glyphs, Tone } from '../theme.js';
import { isErrorRow, outcomeText, outcomeTone, typeLabel } from './history-cells.js';
import { runLogLines, type StyledLine } from './run-log-lines.js';
import { startedByPhrase } from './started-by.js';

export interface RunInfoInput {
  run: RunSummary;
  details: RunDetails | null;
  /** Why the details could not be loaded. */
  error: string | null;
}

function wrapped(out: StyledLine[], text: string, width: number, tone?: Tone | null, bold?: boolean) {
  for (const line of wrapText(text, Math.max(10, width)))
    out.push({ text: line, ...(tone ? { tone } : {}), ...(bold ? { bold } : {}) });
}

function section(title: string, count: number, width: number, glyphs: Glyphs): StyledLine {
  const text = `${glyphs.rule.repeat(2)} ${title} (${count}) `;
  return { text: text + glyphs.rule.repeat(Math.max(0, width - cellWidth(text))), tone: 'muted' };
}

/** "Details kept until 28 Nov 14:02", "Details removed on 26 Nov 14:02 (retention)". */
export function retentionText(run: RunSummary, t: Catalogue, now?: number): string | null {
  if (run.detailsPurged)
    return run.detailsPurgedAt === null
      ? t.runInfo.removed
      : t.runInfo.removedOn(formatDayClock(run.detailsPurgedAt, t.time, now));
  if (run.detailsKeptUntil !== null) return t.runInfo.keptUntil(formatDayClock(run.detailsKeptUntil, t.time, now));
  return run.outcome === 'running' ? t.runInfo.recording : null;
}

function failedExchange(ex: Exchange, t: Catalogue): string | null {
  const request = `${oneLine(ex.request.method)} ${oneLine(ex.request.url)}`;
  if (ex.error) return t.runInfo.exchangeFailed(request, oneLine(ex.error));
  if (ex.response && ex.response.status >= 400) return t.runInfo.exchangeFailed(request, String(ex.response.status));
  return null;
}

export function runInfoLines(
  { run, details, error }: RunInfoInput,
  width: number,
  t: Catalogue,
  glyphs: Glyphs,
  now: number,
): StyledLine[] {
  const dot = ` ${glyphs.dot} `;
  const out: StyledLine[] = [];
  wrapped(
    out,
    [oneLine(run.taskName || run.taskId), oneLine(run.serviceName || run.service), typeLabel(run.type, t)].join(dot),
    width,
    null,
    true,
  );
  wrapped(
    out,
    [`${t.details.started} ${formatClock(run.startedAt, now, t.time, true)}`, startedByPhrase(run, t)].join(dot),
    width,
  );
  wrapped(out, `${t.details.instance} ${oneLine(run.instanceLabel || run.instance)}`, width);
  const outcome = [outcomeText(run, t)];
  if (run.durationMs !== null) outcome.push(t.details.took(formatDuration(run.durationMs, t.time)));
  if (run.stoppedBy) outcome.push(t.details.stoppedBy(oneLine(run.stoppedBy)));
  wrapped(out, outcome.join(dot), width, outcomeTone(run), true);
  if (run.message)
    wrapped(out, `${t.details.message}: ${oneLine(run.message)}`, width, isErrorRow(run) ? 'error' : null);
  const retention = retentionText(run, t, now);
  if (retention) wrapped(out, retention, width, run.detailsPurged ? 'warning' : 'muted');
  if (run.hasDiagnostics && !run.detailsPurged) wrapped(out, t.details.diagnosticsHint, width, 'accent');
  if (run.detailsPurged) return out;

  if (error) {
    out.push({ text: '' });
    wrapped(out, t.details.logFailed(oneLine(error)), width, 'error');
    return out;
  }
  if (!details) {
    out.push({ text: '' });
    out.push({ text: t.details.logLoading, tone: 'muted' });
    return out;
  }
  const errorLog = details.log.filter((l) => l.level === 'error');
  const exchangeErrors = details.exchanges.map((ex) => failedExchange(ex, t)).filter((e): e is string => e !== null);
  if (errorLog.length + exchangeErrors.length > 0) {
    out.push({ text: '' });
    out.push(section(t.runInfo.errors, errorLog.length + exchangeErrors.length, width, glyphs));
    out.push(...runLogLines(errorLog, width, t.time, glyphs, now));
    for (const e of exchangeErrors) wrapped(out, `${glyphs.fail} ${stripControls(e)}`, width, 'error');
  }
  out.push({ text: '' });
  out.push(section(t.details.log, details.log.length, width, glyphs));
  if (details.log.length === 0) out.push({ text: t.details.logEmpty, tone: 'muted' });
  out.push(...runLogLines(details.log, width, t.time, glyphs, now));
  return out;
}
