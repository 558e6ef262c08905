// The line above the key bar: the answer to the last action, or why it was refused.
import { Text } from 'ink';
import { memo } from 'react';
import type { StatusMessage } from '../state/dashboard-state.js';
import { truncate } from '../text/cells.js';
import { useUi } from '../ui-context.js';

export const StatusLine = memo(function StatusLine({
  message,
  hint,
  width,
}: {
  message: StatusMessage | null;
  hint: string | null;
  width: number;
}) {
  const { theme } = useUi();
  if (message) {
    const marker = message.tone === 'error' && !theme.color ? `${theme.glyphs.failing} ` : '';
    return (
      <Text color={theme.fg(message.tone === 'error' ? 'error' : 'accent')} bold={message.tone === 'error'}>
        {truncate(marker + message.text, width, theme.glyphs.ellipsis)}
      </Text>
    );
  }
  return <Text color={theme.fg('muted')}>{hint ? truncate(hint, width, theme.glyphs.ellipsis) : ' '}</Text>;
});
