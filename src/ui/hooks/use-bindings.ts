// Connects one key context of the keymap to the handlers of a screen or a layer: the key
// is looked up in the table, its predicate asked, and a refused action reported.
import { findBinding, type ActionId, type KeyContext } from '../keymap.js';
import type { OfferContext, Refusal } from '../refusals.js';
import { PRIORITY, useKeyHandler } from './key-dispatcher.js';

export type ActionHandlers = Partial<Record<ActionId, () => void>>;

export interface BindingOptions {
  priority?: number;
  active?: boolean;
  /** Take every key, bound or not (a confirmation question). */
  takeAll?: boolean;
  onRefused?: (refusal: Refusal) => void;
}

export function useBindings(context: KeyContext, offer: OfferContext, handlers: ActionHandlers, options: BindingOptions = {}): void {
  useKeyHandler(
    (press) => {
      const binding = findBinding(context, press);
      const handler = binding && handlers[binding.action];
      if (!binding || !handler) return options.takeAll ?? false;
      const refusal = binding.refusal?.(offer);
      if (refusal) options.onRefused?.(refusal);
      else handler();
      return true;
    },
    options.priority ?? PRIORITY.screen,
    options.active ?? true,
  );
}
