// The history table: headings, the window of rows the screen holds, and one line under it
// saying what lies beyond the window (new runs above, older runs below) or what went wrong.
import { Box, Text } from 'ink';
import { useMemo } from 'react';
import { oneLine } from '../../engine/text/sanitize.js';
import { formatBoundedCount } from '../format.js';
import { useClockText } from '../hooks/clock.js';
import { hasFilters, NEW_RUNS_CAP } from '../state/history-query.js';
import type { Catalogue } from '../i18n/index.js';
import type { HistoryCatalog, HistoryScreenState } from '../state/history-state.js';
import { cellWidth, truncate } from '../text/cells.js';
import { useUi } from '../ui-context.js';
import { typeLabel } from './history-cells.js';
import { historyColumns, type WantedCells } from './history-columns.js';
import { HistoryHeadings, HistoryRow } from './history-row.js';

/** Lines of the table around its rows: the headings and the notice line. */
export const HISTORY_TABLE_CHROME = 2;

/** The widest task, service and type names the user can see: stable while paging. */
function wantedCells(catalog: HistoryCatalog | null, t: Catalogue): WantedCells {
  if (!catalog) return {};
  const widest = (texts: string[]) => Math.max(0, ...texts.map(cellWidth));
  return {
    task: widest(catalog.tasks.map((c) => oneLine(c.name))),
    service: widest(catalog.services.map((c) => oneLine(c.name))),
    type: widest(catalog.types.map((type) => typeLabel(type, t))),
  };
}

/** Midnight of `now`: row times only need to know which day it is, so the rows re-render once a day. */
const startOfDay = (now: number) => new Date(now).setHours(0, 0, 0, 0);

function Notice({ screen, width }: { screen: HistoryScreenState; width: number }) {
  const { t, theme } = useUi();
  const { page } = screen;
  const cut = (text: string) => truncate(text, width, theme.glyphs.ellipsis);
  if (screen.error) {
    return (
      <Text color={theme.fg('error')} bold>
        {cut(`${theme.color ? '' : `${theme.glyphs.failing} `}${t.history.failed(oneLine(screen.error))}`)}
      </Text>
    );
  }
  const where: string[] = [];
  if (page.rows.length > 0) {
    if (!page.atTop) where.push(`${theme.glyphs.up} ${t.history.newer}`);
    where.push(page.atEnd ? t.history.end : `${theme.glyphs.down} ${t.history.older}`);
  }
  const position = where.join(` ${theme.glyphs.dot} `);
  if (page.newRuns > 0) {
    const news = t.history.newRuns(
      formatBoundedCount(page.newRuns, NEW_RUNS_CAP - 1),
      Math.min(page.newRuns, NEW_RUNS_CAP - 1),
    );
    return (
      <Text wrap="truncate">
        <Text bold color={theme.fg('accent')} inverse={!theme.color}>
          {cut(news)}
        </Text>
        <Text color={theme.fg('muted')}>{` ${theme.glyphs.dot} ${position}`}</Text>
      </Text>
    );
  }
  return <Text color={theme.fg('muted')}>{position ? cut(position) : ' '}</Text>;
}

/** Cells of the start time: with the year when a row on screen is from another year than today. */
function startedCells(rows: readonly { startedAt: number }[], today: number): number {
  const year = new Date(today).getFullYear();
  return rows.some((r) => new Date(r.startedAt).getFullYear() !== year) ? 20 : 15;
}

export function HistoryTable({
  screen,
  width,
  pageSize,
}: {
  screen: HistoryScreenState;
  width: number;
  pageSize: number;
}) {
  const { t, theme } = useUi();
  const today = Number(useClockText((now) => String(startOfDay(now))));
  const { page } = screen;
  const started = startedCells(page.rows, today);
  const columns = useMemo(
    () => historyColumns(width, t, { ...wantedCells(screen.catalog, t), started }),
    [width, t, screen.catalog, started],
  );
  let body;
  if (!screen.loaded) body = <Text color={theme.fg('muted')}>{t.history.loading}</Text>;
  else if (page.rows.length === 0 && !screen.error)
    body = <Text>{hasFilters(screen.filters) ? t.history.noMatch : t.history.empty}</Text>;
  else
    body = page.rows.map((run, i) => (
      <HistoryRow key={run.id} run={run} selected={i === page.cursor} columns={columns} now={today} />
    ));
  return (
    <Box flexDirection="column" width={width} height={pageSize + HISTORY_TABLE_CHROME} overflow="hidden">
      <HistoryHeadings columns={columns} />
      <Box flexDirection="column" height={pageSize} overflow="hidden">
        {body}
      </Box>
      <Notice screen={screen} width={width} />
    </Box>
  );
}
