// The history's filter panel, on the right as on the reference page: one field open at a
// time, as an ink-select-input list (service, type, outcome, task, started by, time) or a
// typed time (from, to); ↑/↓ pick, Tab moves between fields, Enter applies, x clears, Esc
// closes without applying. While open it takes every key first.
//
// The list does not read keys itself: its own useInput would see a key before the key
// dispatcher has applied the one typed before it (Tab then ↓ in one SSH packet would move
// the old field's list). Keys go through the dispatcher like everywhere else, and the list
// is re-mounted on the picked item (ink-select-input has no controlled index).
import { Box, Text } from 'ink';
import SelectInput from 'ink-select-input';
import { useMemo, type Dispatch } from 'react';
import { parseWhen } from '../../engine/when.js';
import { useClock } from '../hooks/clock.js';
import { PRIORITY, useKeyHandler } from '../hooks/key-dispatcher.js';
import { useBindings } from '../hooks/use-bindings.js';
import type { DashboardAction } from '../state/dashboard-reducer.js';
import { historyOffer } from '../state/history-offer.js';
import {
  FILTER_FIELDS,
  isTextField,
  type FilterPanel as PanelState,
  type HistoryScreenState,
  type TextField,
} from '../state/history-state.js';
import { isTyping } from '../state/text-input.js';
import { truncate, wrapLine } from '../text/cells.js';
import { useUi } from '../ui-context.js';
import { filterChoices, pickedValue } from './filter-choices.js';

export const FILTER_PANEL_WIDTH = 34;
/** Border (2) and padding (2). */
const FRAME_CELLS = 4;

function PickIndicator({ isSelected = false }: { isSelected?: boolean }) {
  const { theme } = useUi();
  return <Text color={theme.fg('accent')}>{isSelected ? `${theme.glyphs.cursor} ` : '  '}</Text>;
}

function PickItem({ isSelected = false, label }: { isSelected?: boolean; label: string }) {
  return (
    <Text bold={isSelected} inverse={isSelected}>
      {label}
    </Text>
  );
}

/** The open typed field: what was typed, a cursor, and a hint of the forms (or why Enter refused it). */
function TypedField({ panel, field, inner }: { panel: PanelState; field: TextField; inner: number }) {
  const { t, theme } = useUi();
  const now = useClock().now();
  const p = t.filterPanel;
  const cursor = theme.ascii ? '_' : '▏';
  const invalid = panel.invalid === field;
  // Refused as a time, or (a good "to") as not after "from".
  const why = parseWhen(panel.text[field], now) === null ? p.badWhen : p.toNotAfterFrom;
  return (
    <Box flexDirection="column">
      <Text inverse={!invalid} color={theme.fg(invalid ? 'error' : null)}>
        {truncate(`  ${panel.text[field]}${cursor}`, inner, theme.glyphs.ellipsis)}
      </Text>
      {invalid ? (
        wrapLine(why, inner - 2).map((line, i) => (
          <Text key={i} color={theme.fg('error')} bold>
            {`  ${line}`}
          </Text>
        ))
      ) : (
        <Text color={theme.fg('muted')}>{truncate(`  ${p.whenHint}`, inner, theme.glyphs.ellipsis)}</Text>
      )}
    </Box>
  );
}

export function FilterPanel({
  screen,
  height,
  dispatch,
}: {
  screen: HistoryScreenState;
  height: number;
  dispatch: Dispatch<DashboardAction>;
}) {
  const { t, theme } = useUi();
  const clock = useClock();
  const panel = screen.panel;
  const inner = FILTER_PANEL_WIDTH - FRAME_CELLS;
  const field = panel?.field ?? 'service';
  const draft = panel?.draft ?? screen.filters;
  const choices = useMemo(() => filterChoices(field, draft, screen.catalog, t), [field, draft, screen.catalog, t]);
  const items = useMemo(
    () =>
      choices.map((c) => ({
        key: c.value,
        value: c.value,
        label: truncate(c.label, inner - 2, theme.glyphs.ellipsis),
      })),
    [choices, inner, theme],
  );
  const picked = Math.max(
    0,
    choices.findIndex((c) => c.value === pickedValue(field, draft)),
  );
  const pick = (step: 1 | -1) => {
    // Wraps around at either end, as ink-select-input itself does.
    const choice = choices[(picked + step + choices.length) % choices.length];
    if (choice) dispatch({ type: 'history-panel-pick', patch: choice.patch });
  };
  const typing = panel !== null && isTextField(field);

  // A typed field takes what is typed (letters included: 2026-11-30T02:00Z, 2h) before the panel's keys.
  useKeyHandler(
    (press) => {
      if (!isTyping(press.input, press.key)) return false;
      dispatch({ type: 'history-panel-type', edit: { append: press.input } });
      return true;
    },
    PRIORITY.modalInput,
    typing,
  );

  useBindings(
    'history-filters',
    historyOffer(screen),
    {
      'move-up': () => pick(-1),
      'move-down': () => pick(1),
      'field-next': () => dispatch({ type: 'history-panel-field', step: 1 }),
      'field-prev': () => dispatch({ type: 'history-panel-field', step: -1 }),
      'filter-erase': () => typing && dispatch({ type: 'history-panel-type', edit: 'erase' }),
      'filters-apply': () => dispatch({ type: 'history-filters-apply', now: clock.now() }),
      'filters-cancel': () => dispatch({ type: 'history-panel-close' }),
      'clear-history-filters': () => dispatch({ type: 'history-filters-clear' }),
    },
    { priority: PRIORITY.modal, takeAll: true, active: panel !== null },
  );

  // The open field's hint or error takes a line or three of what a list would.
  const listRows = Math.max(1, height - 2 - 1 - FILTER_FIELDS.length);
  return (
    <Box
      flexDirection="column"
      width={FILTER_PANEL_WIDTH}
      height={height}
      borderStyle={theme.ascii ? 'classic' : 'single'}
      borderColor={theme.fg('accent')}
      paddingX={1}
      overflow="hidden"
    >
      <Text bold>{truncate(t.filterPanel.title, inner, theme.glyphs.ellipsis)}</Text>
      {FILTER_FIELDS.map((f) => {
        const label = t.filterPanel.fields[f];
        if (f !== field) {
          const value = isTextField(f)
            ? (panel?.text[f] ?? '')
            : (filterChoices(f, draft, screen.catalog, t).find((c) => c.value === pickedValue(f, draft))?.label ?? '');
          return (
            <Text key={f} wrap="truncate">
              {truncate(`  ${label}: ${value}`, inner, theme.glyphs.ellipsis)}
            </Text>
          );
        }
        return (
          <Box key={f} flexDirection="column">
            <Text bold color={theme.fg('accent')}>
              {truncate(`${theme.glyphs.focus} ${label}`, inner, theme.glyphs.ellipsis)}
            </Text>
            {panel && isTextField(f) ? (
              <TypedField panel={panel} field={f} inner={inner} />
            ) : (
              <SelectInput
                key={`${f}:${picked}`}
                items={items}
                initialIndex={picked}
                limit={listRows}
                isFocused={false}
                indicatorComponent={PickIndicator}
                itemComponent={PickItem}
              />
            )}
          </Box>
        );
      })}
    </Box>
  );
}
