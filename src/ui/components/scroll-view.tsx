// A window of pre-wrapped lines, for the diagnostics and help screens.
import { Box, Text } from 'ink';
import type { Frame } from '../layout.js';
import { useUi } from '../ui-context.js';
import type { StyledLine } from './run-log-lines.js';

export const maxScroll = (lines: number, height: number) => Math.max(0, lines - height);

export function ScrollView({ lines, scroll, frame }: { lines: readonly StyledLine[]; scroll: number; frame: Frame }) {
  const { theme } = useUi();
  const from = Math.min(scroll, maxScroll(lines.length, frame.height));
  return (
    <Box flexDirection="column" width={frame.width} height={frame.height} overflow="hidden">
      {lines.slice(from, from + frame.height).map((line, i) => (
        <Text key={from + i} wrap="truncate" color={theme.fg(line.tone)} bold={line.bold ?? false}>
          {line.text === '' ? ' ' : line.text}
        </Text>
      ))}
    </Box>
  );
}
