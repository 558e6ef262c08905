// The progress bar re-renders only when the number of filled cells changes.
import type * as Ink from 'ink';
import { cleanup, render } from 'ink-testing-library';
import { afterEach, expect, test, vi } from 'vitest';

const bar = vi.hoisted(() => ({ renders: 0 }));

// Counts the renders of the bar's own <Text> (its children are the two glyph runs).
vi.mock('ink', async (importOriginal) => {
  const ink = await importOriginal<typeof Ink>();
  const { createElement } = await import('react');
  function CountingText(props: Parameters<typeof ink.Text>[0]) {
    const children = props.children;
    if (Array.isArray(children) && typeof children[0] === 'string' && /^#*$/.test(children[0])) bar.renders++;
    return createElement(ink.Text, props);
  }
  return { ...ink, Text: CountingText };
});

import { Text } from 'ink';
import { filledCells, ProgressBar } from '../../src/ui/components/progress-bar.js';

afterEach(() => cleanup());

function Row({ progress }: { progress: number }) {
  return (
    <Text>
      <ProgressBar filled={filledCells(progress, 6)} cells={6} full="#" empty="-" />
      {` ${Math.floor(progress * 100)}%`}
    </Text>
  );
}

test('progress that does not change the drawing does not re-render the bar', () => {
  const app = render(<Row progress={0.4} />);
  expect(app.lastFrame()).toBe('##---- 40%');
  expect(bar.renders).toBe(1);
  app.rerender(<Row progress={0.34} />);
  app.rerender(<Row progress={0.41} />);
  expect(app.lastFrame()).toBe('##---- 41%');
  expect(bar.renders).toBe(1);
  app.rerender(<Row progress={0.5} />);
  expect(app.lastFrame()).toBe('###--- 50%');
  expect(bar.renders).toBe(2);
});

test('filled cells are rounded and clamped', () => {
  expect(filledCells(0, 6)).toBe(0);
  expect(filledCells(0.42, 6)).toBe(3);
  expect(filledCells(1.2, 6)).toBe(6);
  expect(filledCells(-1, 6)).toBe(0);
});
