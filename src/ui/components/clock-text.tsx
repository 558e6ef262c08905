// A cell whose text depends on the time ("in 4m", "2m ago"): it re-renders only when the
// text it shows changes.
import { Text } from 'ink';
import { useClockText } from '../hooks/clock.js';
import { padCells } from '../text/cells.js';

export interface ClockTextProps {
  compute: (now: number) => string;
  /** Pad or cut to this many cells; unset = as is. */
  width?: number;
  ellipsis?: string;
  color?: string | undefined;
}

export function ClockText({ compute, width, ellipsis = '…', color }: ClockTextProps) {
  const text = useClockText(compute);
  return <Text color={color}>{width === undefined ? text : padCells(text, width, ellipsis)}</Text>;
}
