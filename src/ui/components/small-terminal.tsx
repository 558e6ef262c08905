// Shown instead of the dashboard when the terminal is below 80×24.
import { Box, Text } from 'ink';
import type { TerminalSize } from '../layout.js';
import { useUi } from '../ui-context.js';

export function SmallTerminal({ size }: { size: TerminalSize }) {
  const { t, theme } = useUi();
  return (
    <Box flexDirection="column" width={Math.max(1, size.columns - 1)}>
      <Text bold color={theme.fg('warning')}>
        {t.small.message(size.columns, size.rows)}
      </Text>
      <Text>{t.small.hint}</Text>
    </Box>
  );
}
