// `i` on a history row: "Synchronisation information", a framed, scrollable view over the
// table. While open it takes every key first; Esc or i closes it, d opens the diagnostics.
import { Box, Text } from 'ink';
import { useMemo, type Dispatch } from 'react';
import { oneLine } from '../../engine/text/sanitize.js';
import { useClock } from '../hooks/clock.js';
import { PRIORITY } from '../hooks/key-dispatcher.js';
import { scrollHandlers } from '../hooks/scroll-handlers.js';
import { useBindings } from '../hooks/use-bindings.js';
import type { Frame } from '../layout.js';
import type { DashboardAction } from '../state/dashboard-reducer.js';
import type { RunInfo } from '../state/history-state.js';
import { truncate } from '../text/cells.js';
import { useUi } from '../ui-context.js';
import { runInfoLines } from './run-info-lines.js';
import { maxScroll, ScrollView } from './scroll-view.js';

/** Border (2) and padding (2) across; border (2) and title (1) down. */
const FRAME = { columns: 4, rows: 3 };

export function RunInfoPopup({
  info,
  frame,
  dispatch,
}: {
  info: RunInfo;
  frame: Frame;
  dispatch: Dispatch<DashboardAction>;
}) {
  const { t, theme } = useUi();
  const clock = useClock();
  const body = { width: Math.max(10, frame.width - FRAME.columns), height: Math.max(1, frame.height - FRAME.rows) };
  const lines = useMemo(
    () => runInfoLines(info, body.width, t, theme.glyphs, clock.now()),
    [info, body.width, t, theme, clock],
  );
  const say = (text: string) => dispatch({ type: 'status', message: { text, tone: 'error' } });
  useBindings(
    'run-info',
    { task: null, run: info.run, filter: '' },
    {
      ...scrollHandlers(info.scroll, lines.length, body.height, (value) =>
        dispatch({ type: 'history-info-scroll', value }),
      ),
      diagnostics: () =>
        dispatch({
          type: 'open',
          screen: {
            kind: 'diagnostics',
            runId: info.run.id,
            taskId: info.run.taskId,
            taskName: oneLine(info.run.taskName),
            scroll: 0,
            details: info.details,
            error: null,
          },
        }),
      back: () => dispatch({ type: 'history-info-close' }),
    },
    { priority: PRIORITY.modal, takeAll: true, onRefused: (refusal) => say(t.refusal(refusal)) },
  );
  const from = Math.min(info.scroll, maxScroll(lines.length, body.height));
  const position =
    lines.length > body.height
      ? ` ${theme.glyphs.dot} ${t.diagnostics.lines(from + 1, Math.min(lines.length, from + body.height), lines.length)}`
      : '';
  return (
    <Box
      flexDirection="column"
      width={frame.width}
      height={frame.height}
      borderStyle={theme.ascii ? 'classic' : 'round'}
      borderColor={theme.fg('accent')}
      paddingX={1}
      overflow="hidden"
    >
      <Text bold color={theme.fg('accent')}>
        {truncate(
          `${t.runInfo.title(info.run.id, oneLine(info.run.taskName))}${position}`,
          body.width,
          theme.glyphs.ellipsis,
        )}
      </Text>
      <ScrollView lines={lines} scroll={from} frame={body} />
    </Box>
  );
}
