// `h` / `H`: the history of synchronisations with external services — every run of every
// task (or of one), newest first, by all users and instances; filtered from a panel on the
// right, paged by keyset straight from the engine, with an information popup per run.
import { Box } from 'ink';
import type { FeedTiming } from '../hooks/use-engine-feed.js';
import { FilterPanel, FILTER_PANEL_WIDTH } from '../components/filter-panel.js';
import { helpSectionLine } from '../components/help-lines.js';
import { HistoryHeading } from '../components/history-heading.js';
import { HISTORY_TABLE_CHROME, HistoryTable } from '../components/history-table.js';
import { RunInfoPopup } from '../components/run-info-popup.js';
import { useBindings } from '../hooks/use-bindings.js';
import { useHistoryFeed } from '../hooks/use-history-feed.js';
import { useRunInfo } from '../hooks/use-run-info.js';
import type { Frame } from '../layout.js';
import { historyOffer } from '../state/history-offer.js';
import type { PageMove } from '../state/history-paging.js';
import type { HistoryScreenState } from '../state/history-state.js';
import { useUi } from '../ui-context.js';
import type { ScreenProps } from './screen-props.js';

/** The title line and the filter line. */
export const HISTORY_HEADING_LINES = 2;

/** Narrower than this, the table makes way for the open filter panel. */
const TABLE_BESIDE_PANEL = 64;

/** Rows of runs the screen shows, and so fetches: one page is exactly what fits. */
export const historyPageSize = (frame: Frame) =>
  Math.max(1, frame.height - HISTORY_HEADING_LINES - HISTORY_TABLE_CHROME);

export interface HistoryScreenProps extends ScreenProps {
  screen: HistoryScreenState;
  timing: FeedTiming;
}

export function HistoryScreen({ screen, frame, dispatch, timing }: HistoryScreenProps) {
  const { t, theme } = useUi();
  const pageSize = historyPageSize(frame);
  const pager = useHistoryFeed(screen, dispatch, pageSize, timing);
  useRunInfo(screen.info, dispatch);
  const go = (move: PageMove) => () => pager.go(move);

  useBindings(
    'history',
    historyOffer(screen),
    {
      'move-up': go('row-up'),
      'move-down': go('row-down'),
      'page-up': go('page-up'),
      'page-down': go('page-down'),
      first: go('first'),
      last: go('last'),
      'run-info': () => dispatch({ type: 'history-info-open' }),
      'history-filters': () => dispatch({ type: 'history-panel-open' }),
      'clear-history-filters': () => dispatch({ type: 'history-filters-clear' }),
      help: () => dispatch({ type: 'open', screen: { kind: 'help', scroll: helpSectionLine('history', t, theme) } }),
      back: () => dispatch({ type: 'back' }),
    },
    {
      active: !screen.panel && !screen.info,
      onRefused: (refusal) => {
        const text = t.refusal(refusal);
        if (text) dispatch({ type: 'status', message: { text, tone: 'error' } });
      },
    },
  );

  const below: Frame = { width: frame.width, height: Math.max(1, frame.height - HISTORY_HEADING_LINES) };
  const tableWidth = screen.panel ? frame.width - FILTER_PANEL_WIDTH - 1 : frame.width;
  return (
    <Box flexDirection="column" width={frame.width} height={frame.height} overflow="hidden">
      <HistoryHeading filters={screen.filters} count={screen.count} slow={pager.slow} width={frame.width} />
      {screen.info ? (
        <RunInfoPopup info={screen.info} frame={below} dispatch={dispatch} />
      ) : (
        <Box flexDirection="row" height={below.height}>
          {tableWidth >= TABLE_BESIDE_PANEL && <HistoryTable screen={screen} width={tableWidth} pageSize={pageSize} />}
          {screen.panel && (
            <Box marginLeft={tableWidth >= TABLE_BESIDE_PANEL ? 1 : 0}>
              <FilterPanel screen={screen} height={below.height} dispatch={dispatch} />
            </Box>
          )}
        </Box>
      )}
    </Box>
  );
}
