// Connects one key context of the keymap to the handlers of a screen or a layer: the key
// is looked up in the table, its predicate asked, and a refused action reported.
import { findBinding, type ActionId, type BoundAction, type KeyContext } from '../keymap.js';
import type { OfferContext, Refusal } from '../refusals.js';
import { PRIORITY, useKeyHandler } from './key-dispatcher.js';

/** A handler for every action the keymap binds in context C, and for nothing else. */
export type ActionHandlers<C extends KeyContext> = Record<BoundAction<C>, () => void>;

export interface BindingOptions {
  priority?: number;
  active?: boolean;
  /** Take every key, bound or not (a confirmation question). */
  takeAll?: boolean;
  onRefused?: (refusal: Refusal) => void;
}

export function useBindings<C extends KeyContext>(
  context: C,
  offer: OfferContext,
  handlers: ActionHandlers<C>,
  options: BindingOptions = {},
): void {
  useActions(context, offer, handlers, options);
}

/** One action of a context alone: the too-small-terminal notice offers only `quit`. */
export function useBinding<C extends KeyContext>(
  context: C,
  action: BoundAction<C>,
  handler: () => void,
  offer: OfferContext,
  options: BindingOptions = {},
): void {
  useActions(context, offer, { [action]: handler }, options);
}

function useActions(
  context: KeyContext,
  offer: OfferContext,
  handlers: Partial<Record<ActionId, () => void>>,
  options: BindingOptions,
): void {
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
