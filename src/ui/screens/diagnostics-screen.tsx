// `d`: every exchange of a run (requests and responses, headers and bodies), scrollable.
import { Box, Text } from 'ink';
import { useEffect, useMemo } from 'react';
import type { Screen } from '../state/dashboard-state.js';
import { oneLine } from '../../engine/text/sanitize.js';
import { diagnosticsLines } from '../components/diagnostics-lines.js';
import { maxScroll, ScrollView } from '../components/scroll-view.js';
import { useClock } from '../hooks/clock.js';
import { scrollHandlers } from '../hooks/scroll-handlers.js';
import { useBindings } from '../hooks/use-bindings.js';
import { truncate } from '../text/cells.js';
import { useUi } from '../ui-context.js';
import { NO_OFFER, type ScreenProps } from './screen-props.js';

type DiagnosticsScreenState = Extract<Screen, { kind: 'diagnostics' }>;

export function DiagnosticsScreen({ screen, frame, dispatch }: ScreenProps & { screen: DiagnosticsScreenState }) {
  const { engine, t, theme } = useUi();
  const clock = useClock();
  const { runId, details, error, scroll } = screen;

  useEffect(() => {
    if (details) return;
    let alive = true;
    engine.runDetails(runId).then(
      (loaded) => alive && dispatch({ type: 'diagnostics', runId, details: loaded }),
      (e: unknown) =>
        alive && dispatch({ type: 'diagnostics-failed', runId, message: e instanceof Error ? e.message : String(e) }),
    );
    return () => {
      alive = false;
    };
  }, [engine, runId, details, dispatch]);

  const body = { width: frame.width, height: Math.max(1, frame.height - 1) };
  const lines = useMemo(
    () => (details ? diagnosticsLines(details, body.width, t, theme.glyphs, clock.now()) : []),
    [details, body.width, t, theme, clock],
  );
  useBindings('diagnostics', NO_OFFER, {
    ...scrollHandlers(scroll, lines.length, body.height, (value) => dispatch({ type: 'screen-scroll', value })),
    back: () => dispatch({ type: 'back' }),
    help: () => dispatch({ type: 'open', screen: { kind: 'help', scroll: 0 } }),
  });

  const from = Math.min(scroll, maxScroll(lines.length, body.height));
  const position =
    lines.length > body.height
      ? ` ${theme.glyphs.dot} ${t.diagnostics.lines(from + 1, Math.min(lines.length, from + body.height), lines.length)}`
      : '';
  return (
    <Box flexDirection="column" height={frame.height}>
      <Text bold color={theme.fg('accent')}>
        {truncate(
          `${theme.glyphs.focus} ${t.diagnostics.title(runId, screen.taskName)}${position}`,
          frame.width,
          theme.glyphs.ellipsis,
        )}
      </Text>
      {error ? (
        <Text color={theme.fg('error')}>
          {truncate(t.diagnostics.failed(oneLine(error)), frame.width, theme.glyphs.ellipsis)}
        </Text>
      ) : details ? (
        <ScrollView lines={lines} scroll={scroll} frame={body} />
      ) : (
        <Text color={theme.fg('muted')}>{t.diagnostics.loading}</Text>
      )}
    </Box>
  );
}
