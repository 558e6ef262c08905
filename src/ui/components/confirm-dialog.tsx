// A y/N question on the status line. While open it takes every key (its input hook sits
// above the screen in the key dispatcher): y answers yes; n, Esc and Enter answer no;
// other keys are ignored.
import { Text } from 'ink';
import { PRIORITY } from '../hooks/key-dispatcher.js';
import { useBindings } from '../hooks/use-bindings.js';
import { truncate } from '../text/cells.js';
import { NO_OFFER } from '../refusals.js';
import { useUi } from '../ui-context.js';

export function useConfirmInput(active: boolean, onAnswer: (yes: boolean) => void): void {
  useBindings(
    'confirm',
    NO_OFFER,
    { 'confirm-yes': () => onAnswer(true), 'confirm-no': () => onAnswer(false) },
    { priority: PRIORITY.modal, active, takeAll: true },
  );
}

export function ConfirmDialog({ question, width }: { question: string; width: number }) {
  const { t, theme } = useUi();
  return (
    <Text bold inverse color={theme.fg('warning')}>
      {truncate(`${question} ${t.confirm.yesNo}`, width, theme.glyphs.ellipsis)}
    </Text>
  );
}
