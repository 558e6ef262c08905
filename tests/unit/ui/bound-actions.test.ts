// A key bound in src/ui/keymap.ts must have a handler on its screen: the types say so
// (checked by `tsc --noEmit`, which `npm test` runs), and these cases keep them honest.
import { describe, expect, expectTypeOf, it } from 'vitest';
import { bindingsFor, type BoundAction } from '../../../src/ui/keymap.js';
import type { ActionHandlers } from '../../../src/ui/hooks/use-bindings.js';

const noop = () => undefined;

describe('keymap: bound actions as types', () => {
  it('knows which actions each context binds', () => {
    expectTypeOf<BoundAction<'confirm'>>().toEqualTypeOf<'confirm-yes' | 'confirm-no'>();
    expectTypeOf<BoundAction<'help'>>().toEqualTypeOf<
      'move-up' | 'move-down' | 'page-up' | 'page-down' | 'first' | 'last' | 'back'
    >();
    // The same sets as the table gives at run time.
    expect(new Set(bindingsFor('confirm').map((b) => b.action))).toEqual(new Set(['confirm-yes', 'confirm-no']));
    expect(new Set(bindingsFor('help').map((b) => b.action))).toEqual(
      new Set(['move-up', 'move-down', 'page-up', 'page-down', 'first', 'last', 'back']),
    );
  });

  it('refuses handlers that leave a bound action out or handle an unbound one', () => {
    // @ts-expect-error 'confirm-no' is bound in the confirmation and has no handler
    const missing: ActionHandlers<'confirm'> = { 'confirm-yes': noop };
    // @ts-expect-error 'run' is not bound in the confirmation
    const extra: ActionHandlers<'confirm'> = { 'confirm-yes': noop, 'confirm-no': noop, run: noop };
    const complete: ActionHandlers<'confirm'> = { 'confirm-yes': noop, 'confirm-no': noop };
    expect(Object.keys(missing)).toEqual(['confirm-yes']);
    expect(Object.keys(extra)).toHaveLength(3);
    expect(Object.keys(complete)).toEqual(['confirm-yes', 'confirm-no']);
  });
});
