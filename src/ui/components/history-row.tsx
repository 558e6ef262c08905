// One row of the history table: error rows red as a whole, the cursor row in inverse video
// and marked (so neither meaning rests on colour alone), success rows plain.
import { Text } from 'ink';
import { memo } from 'react';
import type { RunSummary } from '../../engine/types.js';
import { padCells } from '../text/cells.js';
import { useUi } from '../ui-context.js';
import { historyCell, isErrorRow, outcomeTone } from './history-cells.js';
import { ROW_MARKER_CELLS, type HistoryColumn } from './history-columns.js';

export interface HistoryRowProps {
  run: RunSummary;
  selected: boolean;
  columns: readonly HistoryColumn[];
  now: number;
}

export const HistoryRow = memo(function HistoryRow({ run, selected, columns, now }: HistoryRowProps) {
  const { t, theme } = useUi();
  const error = isErrorRow(run);
  const marker = `${selected ? theme.glyphs.cursor : ' '}${error ? theme.glyphs.failing : ' '}`;
  const cell = (column: HistoryColumn) =>
    padCells(historyCell(run, column.id, t, now), column.width - 1, theme.glyphs.ellipsis) + ' ';
  return (
    <Text wrap="truncate" inverse={selected} color={theme.fg(error ? 'error' : null)}>
      {padCells(marker, ROW_MARKER_CELLS, '')}
      {columns.map((column) =>
        column.id === 'outcome' && !error ? (
          <Text key={column.id} color={theme.fg(outcomeTone(run))}>
            {cell(column)}
          </Text>
        ) : (
          cell(column)
        ),
      )}
    </Text>
  );
});

export function HistoryHeadings({ columns }: { columns: readonly HistoryColumn[] }) {
  const { t, theme } = useUi();
  const text =
    ' '.repeat(ROW_MARKER_CELLS) +
    columns.map((c) => padCells(t.historyColumns[c.id], c.width - 1, theme.glyphs.ellipsis) + ' ').join('');
  return (
    <Text wrap="truncate" color={theme.fg('muted')} underline={!theme.color}>
      {text.trimEnd()}
    </Text>
  );
}
