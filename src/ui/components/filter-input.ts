// The filter's input hook: while the filter is being edited it takes typed characters,
// Backspace, Enter and Esc before the list does; arrows and paging still reach the list.
import { PRIORITY, useKeyHandler } from '../hooks/key-dispatcher.js';
import { findBinding } from '../keymap.js';
import { eraseLast, isTyping, typeInto } from '../state/text-input.js';

export interface FilterInputHandlers {
  onChange: (value: string) => void;
  onDone: () => void;
  onClear: () => void;
}

export function useFilterInput(active: boolean, value: string, handlers: FilterInputHandlers): void {
  useKeyHandler(
    (press) => {
      const binding = findBinding('filter', press);
      if (binding?.action === 'filter-done') handlers.onDone();
      else if (binding?.action === 'filter-clear') handlers.onClear();
      else if (binding?.action === 'filter-erase') handlers.onChange(eraseLast(value));
      else if (isTyping(press.input, press.key)) handlers.onChange(typeInto(value, press.input));
      else return false;
      return true;
    },
    PRIORITY.input,
    active,
  );
}
