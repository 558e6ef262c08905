// The filter's input hook: while the filter is being edited it takes typed characters,
// Backspace, Enter and Esc before the list does; arrows and paging still reach the list.
// It reports what was typed, not the new text: keys a few ms apart reach it before the next
// render, so the text is computed by the reducer from its current state.
import { PRIORITY, useKeyHandler } from '../hooks/key-dispatcher.js';
import { findBinding } from '../keymap.js';
import { isTyping } from '../state/text-input.js';

export interface FilterInputHandlers {
  onType: (input: string) => void;
  onErase: () => void;
  onDone: () => void;
  onClear: () => void;
}

export function useFilterInput(active: boolean, handlers: FilterInputHandlers): void {
  useKeyHandler(
    (press) => {
      const binding = findBinding('filter', press);
      if (binding?.action === 'filter-done') handlers.onDone();
      else if (binding?.action === 'filter-clear') handlers.onClear();
      else if (binding?.action === 'filter-erase') handlers.onErase();
      else if (isTyping(press.input, press.key)) handlers.onType(press.input);
      else return false;
      return true;
    },
    PRIORITY.input,
    active,
  );
}
