// The Instances screen's text (pure): the table of live instances and the details of the
// selected one. Everything an instance row says came from the database, written by other
// processes: it is made one line without control characters before it is shown.
import type { InstanceView } from '../../engine/types.js';
import { oneLine } from '../../engine/text/sanitize.js';
import { formatClock, formatDuration, formatRelative } from '../format.js';
import type { Catalogue } from '../i18n/index.js';
import { cellWidth, padCells, wrapText } from '../text/cells.js';
import type { Glyphs } from '../theme.js';
import type { StyledLine } from './run-log-lines.js';

export interface InstanceColumns {
  marker: number;
  label: number;
  kind: number;
  pid: number;
  version: number;
  started: number;
  heartbeat: number;
  skew: number;
  running: number;
}

export interface InstanceTextContext {
  t: Catalogue;
  glyphs: Glyphs;
  /** A task's display name from its id (the id itself when the user cannot see it). */
  taskName: (id: string) => string;
}

const widest = (texts: readonly string[]) => Math.max(0, ...texts.map(cellWidth));

/** "anna@clinic-pc (this dashboard)": the label as the table shows it. */
const rowLabel = (i: InstanceView, t: Catalogue) =>
  i.self ? `${oneLine(i.label)} (${t.instances.self})` : oneLine(i.label);

export function instanceColumns(width: number, t: Catalogue, instances: readonly InstanceView[]): InstanceColumns {
  const c = t.instances.columns;
  const marker = 2;
  const label = Math.min(40, Math.max(14, cellWidth(c.instance) + 1, widest(instances.map((i) => rowLabel(i, t))) + 1));
  const kind = Math.max(cellWidth(c.kind), widest(Object.values(t.instances.kind))) + 1;
  const pid = Math.max(cellWidth(c.pid), widest(instances.map((i) => String(i.pid)))) + 1;
  const version = Math.min(
    12,
    Math.max(cellWidth(c.version), widest(instances.map((i) => oneLine(i.version ?? '')))) + 1,
  );
  const started = Math.max(cellWidth(c.started) + 1, 13);
  const heartbeat = Math.max(cellWidth(c.heartbeat) + 1, 11);
  const skew = Math.max(cellWidth(c.skew) + 1, 10);
  const running = Math.max(8, width - marker - label - kind - pid - version - started - heartbeat - skew);
  return { marker, label, kind, pid, version, started, heartbeat, skew, running };
}

export function instanceHeading(columns: InstanceColumns, t: Catalogue, glyphs: Glyphs): string {
  const c = t.instances.columns;
  const e = glyphs.ellipsis;
  return (
    ' '.repeat(columns.marker) +
    padCells(c.instance, columns.label, e) +
    padCells(c.kind, columns.kind, e) +
    padCells(c.pid, columns.pid, e) +
    padCells(c.version, columns.version, e) +
    padCells(c.started, columns.started, e) +
    padCells(c.heartbeat, columns.heartbeat, e) +
    padCells(c.skew, columns.skew, e) +
    c.running
  ).trimEnd();
}

/** "+120ms", "−2.5s": the database server's clock minus the instance's; null when not measured. */
export function skewText(ms: number | null, t: Catalogue): string | null {
  if (ms === null) return null;
  const sign = ms > 0 ? '+' : ms < 0 ? '-' : '';
  return `${sign}${formatDuration(Math.abs(ms), t.time)}`;
}

const runningNames = (i: InstanceView, ctx: InstanceTextContext) =>
  i.running.map((id) => oneLine(ctx.taskName(id))).join(', ');

/** One row of the table (the marker column holds the cursor). */
export function instanceRowText(
  i: InstanceView,
  selected: boolean,
  columns: InstanceColumns,
  ctx: InstanceTextContext,
  now: number,
): string {
  const { t, glyphs } = ctx;
  const e = glyphs.ellipsis;
  const label = rowLabel(i, t);
  return (
    padCells(selected ? glyphs.cursor : ' ', columns.marker, '') +
    padCells(label, columns.label - 1, e) +
    ' ' +
    padCells(t.instances.kind[i.kind], columns.kind, e) +
    padCells(String(i.pid), columns.pid, e) +
    padCells(i.version === null ? t.instances.none : oneLine(i.version), columns.version - 1, e) +
    ' ' +
    padCells(formatClock(i.startedAt, now, t.time), columns.started, e) +
    padCells(formatRelative(i.heartbeatAt, now, t.time), columns.heartbeat, e) +
    padCells(skewText(i.clockSkewMs, t) ?? t.instances.none, columns.skew, e) +
    padCells(runningNames(i, ctx) || t.instances.none, columns.running, e)
  ).trimEnd();
}

/** The selected instance in full, wrapped to `width`. */
export function instanceDetailLines(
  i: InstanceView,
  width: number,
  ctx: InstanceTextContext,
  now: number,
): StyledLine[] {
  const { t, glyphs } = ctx;
  const dot = ` ${glyphs.dot} `;
  const title = `${glyphs.rule.repeat(2)} ${oneLine(i.label)}${i.self ? ` (${t.instances.self})` : ''} `;
  const lines: StyledLine[] = [
    { text: title + glyphs.rule.repeat(Math.max(0, width - cellWidth(title))), tone: 'muted' },
  ];
  const wrap = (text: string, tone?: StyledLine['tone']) => {
    for (const line of wrapText(text, Math.max(10, width))) lines.push(tone ? { text: line, tone } : { text: line });
  };
  wrap(
    [
      t.instances.user(oneLine(i.user), oneLine(i.osUser)),
      t.instances.host(oneLine(i.host)),
      t.instances.pid(i.pid),
      t.instances.kind[i.kind],
      t.instances.version(i.version === null ? null : oneLine(i.version)),
    ].join(dot),
  );
  wrap([t.instances.roles(i.roles.map(oneLine).join(', ')), t.instances.schedules(i.schedules)].join(dot));
  wrap(
    [
      t.instances.started(formatClock(i.startedAt, now, t.time), formatRelative(i.startedAt, now, t.time)),
      t.instances.heartbeat(formatRelative(i.heartbeatAt, now, t.time)),
      t.instances.skew(skewText(i.clockSkewMs, t)),
    ].join(dot),
  );
  wrap(t.instances.running(runningNames(i, ctx)), i.running.length > 0 ? 'running' : undefined);
  return lines;
}
