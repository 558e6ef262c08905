// `?`: every key of every screen, generated from the keymap.
import { Box, Text } from 'ink';
import { useMemo } from 'react';
import { helpLines } from '../components/help-lines.js';
import { ScrollView } from '../components/scroll-view.js';
import { scrollHandlers } from '../hooks/scroll-handlers.js';
import { useBindings } from '../hooks/use-bindings.js';
import { truncate } from '../text/cells.js';
import { useUi } from '../ui-context.js';
import { NO_OFFER, type ScreenProps } from './screen-props.js';

export function HelpScreen({ scroll, frame, dispatch }: ScreenProps & { scroll: number }) {
  const { t, theme } = useUi();
  const lines = useMemo(() => helpLines(t, theme), [t, theme]);
  const body = { width: frame.width, height: Math.max(1, frame.height - 1) };
  useBindings('help', NO_OFFER, {
    ...scrollHandlers(scroll, lines.length, body.height, (value) => dispatch({ type: 'screen-scroll', value })),
    back: () => dispatch({ type: 'back' }),
  });
  return (
    <Box flexDirection="column" height={frame.height}>
      <Text bold color={theme.fg('accent')}>
        {truncate(`${theme.glyphs.focus} ${t.help.title}`, frame.width, theme.glyphs.ellipsis)}
      </Text>
      <ScrollView lines={lines} scroll={scroll} frame={body} />
    </Box>
  );
}
