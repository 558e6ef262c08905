// The right (or lower) pane: the selected task's current or last run, and its progress
// log with the newest entries visible, each whole; scrollable by entries when the pane
// has the focus.
import { Box, Text } from 'ink';
import { oneLine } from '../../engine/text/sanitize.js';
import type { RunSummary, TaskView } from '../../engine/types.js';
import type { Frame } from '../layout.js';
import type { ShownRun } from '../state/dashboard-state.js';
import { cellWidth, truncate } from '../text/cells.js';
import { useUi } from '../ui-context.js';
import { PaneTitle } from './pane-title.js';
import { logWindow, type LogEntryLines } from './run-log-lines.js';
import { detailsChromeLines, summaryRows } from './run-summary-rows.js';
import { SummaryLine } from './run-summary-line.js';

export interface RunDetailsPaneProps {
  task: TaskView | null;
  run: RunSummary | null;
  shown: ShownRun | null;
  /** The log's entries, each as its wrapped lines. */
  logEntries: readonly LogEntryLines[];
  /** Entries hidden below, newest first (0: the newest entry is the last line). */
  logScroll: number;
  frame: Frame;
  focused: boolean;
  /** Lines the summary takes at least (summaryRoom): the log heading stays on one row between tasks. */
  summaryRoom: number;
}

export const logHeightOf = (frame: Frame, task: TaskView | null, run: RunSummary | null, room = 0) =>
  task && run ? Math.max(1, frame.height - detailsChromeLines(task, run, room)) : 0;

function LogHeading({ count, scroll, width }: { count: number; scroll: number; width: number }) {
  const { t, theme } = useUi();
  const more = scroll > 0 ? ` ${theme.glyphs.down}${scroll}` : '';
  const text = `${theme.glyphs.rule.repeat(2)} ${t.details.log} (${count})${more} `;
  return (
    <Text color={theme.fg('muted')}>
      {truncate(text + theme.glyphs.rule.repeat(Math.max(0, width - cellWidth(text))), width, '')}
    </Text>
  );
}

function LogBody({
  shown,
  run,
  entries,
  scroll,
  height,
  width,
}: {
  shown: ShownRun | null;
  run: RunSummary;
  entries: readonly LogEntryLines[];
  scroll: number;
  height: number;
  width: number;
}) {
  const { t, theme } = useUi();
  const muted = theme.fg('muted');
  if (run.detailsPurged) return null;
  if (entries.length === 0) {
    const text = shown?.error
      ? t.details.logFailed(oneLine(shown.error))
      : shown?.log || run.outcome === 'running'
        ? t.details.logEmpty
        : t.details.logLoading;
    return <Text color={shown?.error ? theme.fg('error') : muted}>{truncate(text, width, theme.glyphs.ellipsis)}</Text>;
  }
  const visible = logWindow(entries, scroll, height).lines;
  return (
    <>
      {visible.map((line, i) => (
        <Text key={i} wrap="truncate" color={theme.fg(line.tone)} bold={line.bold ?? false}>
          {line.text}
        </Text>
      ))}
    </>
  );
}

export function RunDetailsPane(props: RunDetailsPaneProps) {
  const { task, run, shown, logEntries, logScroll, frame, focused, summaryRoom } = props;
  const { t, theme } = useUi();
  const rows = task ? summaryRows(task, run) : [];
  const title = run?.outcome === 'running' ? t.details.current : t.details.title;
  const name = task ? `${title} ${theme.glyphs.dot} ${oneLine(task.name)}` : title;
  return (
    <Box flexDirection="column" width={frame.width} height={frame.height} overflow="hidden">
      <PaneTitle text={name} focused={focused} width={frame.width} />
      {!task && <Text>{t.details.noTask}</Text>}
      {task && !run && <Text color={theme.fg('muted')}>{t.details.noRun}</Text>}
      {task && rows.map((row) => <SummaryLine key={row} row={row} task={task} run={run} width={frame.width} />)}
      {task && run && (
        <>
          {rows.length < summaryRoom && <Box height={summaryRoom - rows.length} />}
          <LogHeading count={logEntries.length} scroll={logScroll} width={frame.width} />
          <LogBody
            shown={shown}
            run={run}
            entries={logEntries}
            scroll={logScroll}
            height={logHeightOf(frame, task, run, summaryRoom)}
            width={frame.width}
          />
        </>
      )}
    </Box>
  );
}
