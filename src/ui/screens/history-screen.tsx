// `h` / `H`: the history of synchronisations. A placeholder until the history screen
// (issue 6) lands; it already sits in the screen stack with its task filter.
import { Box, Text } from 'ink';
import type { Screen } from '../state/dashboard-state.js';
import { useBindings } from '../hooks/use-bindings.js';
import { truncate } from '../text/cells.js';
import { useUi } from '../ui-context.js';
import { NO_OFFER, type ScreenProps } from './screen-props.js';

type HistoryScreenState = Extract<Screen, { kind: 'history' }>;

export function HistoryScreen({ screen, frame, dispatch }: ScreenProps & { screen: HistoryScreenState }) {
  const { t, theme } = useUi();
  useBindings('history', NO_OFFER, {
    back: () => dispatch({ type: 'back' }),
    help: () => dispatch({ type: 'open', screen: { kind: 'help', scroll: 0 } }),
  });
  const cut = (text: string) => truncate(text, frame.width, theme.glyphs.ellipsis);
  return (
    <Box flexDirection="column" height={frame.height}>
      <Text bold color={theme.fg('accent')}>
        {cut(`${theme.glyphs.focus} ${t.history.title}`)}
      </Text>
      <Text>{cut(screen.taskName ? t.history.task(screen.taskName) : t.history.all)}</Text>
      <Text> </Text>
      <Text color={theme.fg('muted')}>{cut(t.history.placeholder)}</Text>
    </Box>
  );
}
