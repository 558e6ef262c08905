// The first line of a pane; the focused pane is marked by a glyph and bold, not colour alone.
import { Text } from 'ink';
import { memo } from 'react';
import { truncate } from '../text/cells.js';
import { useUi } from '../ui-context.js';

export const PaneTitle = memo(function PaneTitle({
  text,
  focused,
  width,
}: {
  text: string;
  focused: boolean;
  width: number;
}) {
  const { theme } = useUi();
  const line = `${focused ? theme.glyphs.focus : ' '} ${text}`;
  return (
    <Text wrap="truncate" bold={focused} color={theme.fg(focused ? 'accent' : null)}>
      {truncate(line, width, theme.glyphs.ellipsis)}
    </Text>
  );
});
