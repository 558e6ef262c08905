// Every key binding, declared once (after lazygit's keybinding table). The `?` screen, the
// bottom key line and the key dispatcher all read this table, so they cannot disagree.
import type { Key } from 'ink';
import {
  clearFilterRefusal,
  diagnosticsRefusal,
  pauseRefusal,
  runDiagnosticsRefusal,
  runningInstanceRefusal,
  runRefusal,
  runSelectedRefusal,
  stopRefusal,
  taskRefusal,
  type OfferContext,
  type Refusal,
} from './refusals.js';

/** Where a binding applies: a screen, or a layer that takes keys first (filter input, confirmation). */
export type KeyContext =
  | 'global'
  | 'dashboard'
  | 'filter'
  | 'confirm'
  | 'diagnostics'
  | 'help'
  | 'history'
  /** The history's filter panel. */
  | 'history-filters'
  /** The run information popup over the history. */
  | 'run-info'
  /** Every live syncdeck instance (`I`). */
  | 'instances';

export type ActionId =
  | 'move-up'
  | 'move-down'
  | 'page-up'
  | 'page-down'
  | 'first'
  | 'last'
  | 'switch-pane'
  | 'run'
  | 'stop'
  | 'pause'
  | 'grouping'
  | 'filter'
  | 'task-history'
  | 'all-history'
  | 'diagnostics'
  | 'help'
  | 'back'
  | 'clear-filter'
  | 'quit'
  | 'force-quit'
  | 'repaint'
  | 'confirm-yes'
  | 'confirm-no'
  | 'filter-done'
  | 'filter-clear'
  | 'filter-erase'
  | 'run-info'
  | 'history-filters'
  | 'clear-history-filters'
  | 'field-next'
  | 'field-prev'
  | 'filters-apply'
  | 'filters-cancel'
  | 'instances'
  | 'running-instance';

/** A named key ('up', 'escape', 'ctrl+c', …) or one printable character ('r', 'H', '?'). */
export type KeyName =
  | 'up'
  | 'down'
  | 'pageup'
  | 'pagedown'
  | 'home'
  | 'end'
  | 'left'
  | 'right'
  | 'tab'
  | 'shift+tab'
  | 'escape'
  | 'return'
  | 'backspace'
  | 'ctrl+c'
  | 'ctrl+l'
  | (string & {});

export interface KeyBinding {
  action: ActionId;
  keys: readonly KeyName[];
  contexts: readonly KeyContext[];
  /** Shown in the bottom key line (default true). Bindings sharing a `barGroup` show as one item. */
  bar?: boolean;
  barGroup?: 'move';
  /**
   * One of the reference page's own actions (run, stop, history of a task, all history):
   * a narrow key line drops every other key before these (`?` lists them all).
   */
  page?: true;
  /** Why the action is not available now; null when it is. Not available → not offered in the key line. */
  refusal?: (ctx: OfferContext) => Refusal | null;
}

// Declared `as const` so that the type system knows which actions each context binds
// (BoundAction below): a screen that leaves one without a handler does not compile.
const SCROLLING = [
  'dashboard',
  'diagnostics',
  'help',
  'history',
  'run-info',
  'instances',
] as const satisfies readonly KeyContext[];
/** In the filter panel ↑/↓ move the highlight of the open list. */
const MOVING = [...SCROLLING, 'history-filters'] as const satisfies readonly KeyContext[];
const SUB_SCREENS = ['diagnostics', 'help', 'history', 'instances'] as const satisfies readonly KeyContext[];

const BINDINGS = [
  { action: 'move-up', keys: ['up', 'k'], contexts: MOVING, barGroup: 'move' },
  { action: 'move-down', keys: ['down', 'j'], contexts: MOVING, barGroup: 'move' },
  { action: 'page-up', keys: ['pageup'], contexts: SCROLLING, bar: false },
  { action: 'page-down', keys: ['pagedown'], contexts: SCROLLING, bar: false },
  { action: 'first', keys: ['home'], contexts: SCROLLING, bar: false },
  { action: 'last', keys: ['end'], contexts: SCROLLING, bar: false },
  // Dashboard actions in key-line order. Too narrow, the line drops from the end: first the
  // keys that are not the page's own, then (if it must) the page's; never help or quit.
  { action: 'run', keys: ['r'], contexts: ['dashboard'], refusal: runRefusal, page: true },
  { action: 'stop', keys: ['s'], contexts: ['dashboard'], refusal: stopRefusal, page: true },
  { action: 'pause', keys: ['p'], contexts: ['dashboard'], refusal: pauseRefusal },
  { action: 'diagnostics', keys: ['d'], contexts: ['dashboard'], refusal: diagnosticsRefusal },
  { action: 'filter', keys: ['/'], contexts: ['dashboard'] },
  { action: 'clear-filter', keys: ['escape'], contexts: ['dashboard'], refusal: clearFilterRefusal },
  { action: 'task-history', keys: ['h'], contexts: ['dashboard'], refusal: taskRefusal, page: true },
  { action: 'grouping', keys: ['g'], contexts: ['dashboard'] },
  { action: 'switch-pane', keys: ['tab'], contexts: ['dashboard'] },
  { action: 'all-history', keys: ['H'], contexts: ['dashboard'], page: true },
  { action: 'instances', keys: ['I'], contexts: ['dashboard'] },
  { action: 'running-instance', keys: ['w'], contexts: ['dashboard'], refusal: runningInstanceRefusal },
  // The history screen, its popup and its filter panel.
  { action: 'run-info', keys: ['i', 'return'], contexts: ['history'], refusal: runSelectedRefusal },
  { action: 'history-filters', keys: ['f'], contexts: ['history'] },
  {
    action: 'clear-history-filters',
    keys: ['x'],
    contexts: ['history', 'history-filters'],
    refusal: clearFilterRefusal,
  },
  { action: 'diagnostics', keys: ['d'], contexts: ['run-info'], refusal: runDiagnosticsRefusal },
  { action: 'help', keys: ['?'], contexts: ['dashboard', 'diagnostics', 'history', 'instances'] },
  { action: 'back', keys: ['escape', 'q'], contexts: SUB_SCREENS },
  { action: 'back', keys: ['escape', 'i', 'q'], contexts: ['run-info'] },
  { action: 'back', keys: ['?'], contexts: ['help'], bar: false },
  { action: 'quit', keys: ['q'], contexts: ['dashboard'] },
  { action: 'force-quit', keys: ['ctrl+c'], contexts: ['global'], bar: false },
  // Something else wrote over the screen (a wall message, an ssh ~ escape): draw it all again.
  { action: 'repaint', keys: ['ctrl+l'], contexts: ['global'], bar: false },
  { action: 'confirm-yes', keys: ['y', 'Y'], contexts: ['confirm'] },
  { action: 'confirm-no', keys: ['n', 'N', 'escape', 'return'], contexts: ['confirm'] },
  { action: 'filter-done', keys: ['return'], contexts: ['filter'] },
  { action: 'filter-clear', keys: ['escape'], contexts: ['filter'] },
  { action: 'filter-erase', keys: ['backspace'], contexts: ['filter', 'history-filters'], bar: false },
  { action: 'field-next', keys: ['tab', 'right'], contexts: ['history-filters'] },
  { action: 'field-prev', keys: ['shift+tab', 'left'], contexts: ['history-filters'], bar: false },
  { action: 'filters-apply', keys: ['return'], contexts: ['history-filters'] },
  { action: 'filters-cancel', keys: ['escape'], contexts: ['history-filters'] },
] as const satisfies readonly KeyBinding[];

export const KEYMAP: readonly KeyBinding[] = BINDINGS;

type ActionOf<B, C extends KeyContext> = B extends { action: infer A; contexts: readonly (infer X)[] }
  ? C extends X
    ? A
    : never
  : never;

/** The actions the table binds in a context: the handlers a screen for it must provide. */
export type BoundAction<C extends KeyContext> = ActionOf<(typeof BINDINGS)[number], C>;

export interface KeyPress {
  input: string;
  key: Key;
}

/** Every modifier and special key off. */
const NO_KEY: Key = {
  upArrow: false,
  downArrow: false,
  leftArrow: false,
  rightArrow: false,
  pageDown: false,
  pageUp: false,
  home: false,
  end: false,
  return: false,
  escape: false,
  ctrl: false,
  shift: false,
  tab: false,
  backspace: false,
  delete: false,
  meta: false,
  super: false,
  hyper: false,
  capsLock: false,
  numLock: false,
};

/** A key press: `input` with the given keys and modifiers on, every other one off. */
export const keyPress = (input: string, key: Partial<Key> = {}): KeyPress => ({ input, key: { ...NO_KEY, ...key } });

export function keyMatches(name: KeyName, { input, key }: KeyPress): boolean {
  switch (name) {
    case 'up':
      return key.upArrow;
    case 'down':
      return key.downArrow;
    case 'pageup':
      return key.pageUp;
    case 'pagedown':
      return key.pageDown;
    case 'home':
      return key.home;
    case 'end':
      return key.end;
    case 'left':
      return key.leftArrow;
    case 'right':
      return key.rightArrow;
    case 'tab':
      return key.tab && !key.shift;
    case 'shift+tab':
      return key.tab && key.shift;
    case 'escape':
      return key.escape;
    case 'return':
      return key.return;
    // Terminals send DEL (0x7f) for Backspace; Ink calls that "delete".
    case 'backspace':
      return key.backspace || key.delete;
    case 'ctrl+c':
      return key.ctrl && input === 'c';
    case 'ctrl+l':
      return key.ctrl && input === 'l';
    default:
      return !key.ctrl && !key.meta && input === name;
  }
}

/** The binding a key press triggers in a context, if any. */
export function findBinding(context: KeyContext, press: KeyPress): KeyBinding | undefined {
  return KEYMAP.find((b) => b.contexts.includes(context) && b.keys.some((k) => keyMatches(k, press)));
}

export function bindingsFor(context: KeyContext): KeyBinding[] {
  return KEYMAP.filter((b) => b.contexts.includes(context));
}

/** The bindings the bottom line offers now: shown in the bar and not refused. */
export function offeredBindings(context: KeyContext, ctx: OfferContext): KeyBinding[] {
  return bindingsFor(context).filter((b) => b.bar !== false && !b.refusal?.(ctx));
}

/** The order the `?` screen lists contexts in. */
export const HELP_CONTEXTS: readonly KeyContext[] = [
  'dashboard',
  'filter',
  'confirm',
  'diagnostics',
  'help',
  'history',
  'history-filters',
  'run-info',
  'instances',
  'global',
];
