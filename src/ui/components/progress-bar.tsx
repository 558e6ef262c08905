// A progress bar drawn in whole cells. Memoised on the number of filled cells, so a
// progress event that does not change the drawing does not re-render it.
import { Text } from 'ink';
import { memo } from 'react';

export interface ProgressBarProps {
  /** Cells drawn filled, 0..cells. */
  filled: number;
  cells: number;
  full: string;
  empty: string;
  color?: string | undefined;
}

export const filledCells = (progress: number, cells: number) =>
  Math.max(0, Math.min(cells, Math.round(progress * cells)));

export const ProgressBar = memo(function ProgressBar({ filled, cells, full, empty, color }: ProgressBarProps) {
  return (
    <Text color={color}>
      {full.repeat(filled)}
      {empty.repeat(Math.max(0, cells - filled))}
    </Text>
  );
});
