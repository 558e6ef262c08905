// What the dashboard shows while its engine starts in the worker thread (a second Node,
// the config, the store, the first snapshot): the frame's outline at once, so the terminal
// answers within a few hundred milliseconds, and the tasks when the engine is ready
// (docs/ARCHITECTURE.md, Composition root). Only quitting works meanwhile.
import { Box, Text, useApp } from 'ink';
import { useMemo } from 'react';
import { KeyDispatcher, PRIORITY, useKeyHandler } from '../hooks/key-dispatcher.js';
import { useTerminalSize } from '../hooks/use-terminal-size.js';
import { catalogue, type Lang } from '../i18n/index.js';
import { findBinding } from '../keymap.js';
import { FOOTER_LINES, frameOf } from '../layout.js';
import { truncate } from '../text/cells.js';
import { createTheme } from '../theme.js';
import { keyLabel } from '../components/key-label.js';

export interface StartingScreenProps {
  lang: Lang;
  color: boolean;
  ascii: boolean;
  terminal?: NodeJS.WriteStream;
  /** Told before the screen ends on q or Ctrl+C. */
  onQuit?: () => void;
}

function QuitKeys({ onQuit }: { onQuit?: () => void }) {
  const { exit } = useApp();
  useKeyHandler((press) => {
    const action = findBinding('global', press)?.action ?? findBinding('dashboard', press)?.action;
    if (action !== 'quit' && action !== 'force-quit') return false;
    onQuit?.();
    exit();
    return true;
  }, PRIORITY.global);
  return null;
}

export function StartingScreen({ lang, color, ascii, terminal, onQuit }: StartingScreenProps) {
  const t = useMemo(() => catalogue(lang, ascii), [lang, ascii]);
  const theme = useMemo(() => createTheme({ color, ascii }), [color, ascii]);
  const frame = frameOf(useTerminalSize(terminal));
  const cut = (text: string) => truncate(text, frame.width, theme.glyphs.ellipsis);
  return (
    <KeyDispatcher>
      <QuitKeys onQuit={onQuit} />
      <Box flexDirection="column" width={frame.width} height={frame.height} overflow="hidden">
        <Text bold>{cut(`${t.header.app} ${theme.glyphs.dot} ${t.header.starting}`)}</Text>
        <Box flexGrow={1} flexDirection="column" overflow="hidden">
          <Text color={theme.fg('muted')}>{cut(t.list.loading)}</Text>
        </Box>
        <Box height={FOOTER_LINES} flexDirection="column" justifyContent="flex-end">
          <Text wrap="truncate">
            <Text bold inverse={theme.color}>
              {keyLabel('q', t, theme)}
            </Text>{' '}
            <Text color={theme.fg('muted')}>{t.actions.quit.bar}</Text>
          </Text>
        </Box>
      </Box>
    </KeyDispatcher>
  );
}
