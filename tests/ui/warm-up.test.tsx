// The warm-up render (src/ui/warm-up/): the screen thread renders a made-up dashboard while
// the engine's worker starts, so the first real frame finds its code compiled.
import { expect, test } from 'vitest';
import { warmUpRender } from '../../src/ui/warm-up/warm-up.js';
import { warmTasks } from '../../src/ui/warm-up/warm-tasks.js';

/** Each kind of handle or timer, and how many. */
function resources(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const kind of process.getActiveResourcesInfo()) counts.set(kind, (counts.get(kind) ?? 0) + 1);
  return counts;
}

test('warmUpRender draws a whole dashboard with a row of each look, and leaves nothing running', async () => {
  const before = resources();
  const frame = warmUpRender({ lang: 'en', color: true, ascii: false, columns: 120, rows: 40 });
  expect(frame).toContain('syncdeck');
  expect(frame).toContain('quit');
  for (const task of warmTasks(Date.now())) expect(frame).toContain(task.name);
  // A running task's progress (42 %) and a failing task's error are drawn as for real tasks.
  expect(frame).toContain('42');
  expect(frame).toContain('ECONNREFUSED');
  // React's last task of the unmount runs once more; after it, nothing is left of the warm-up.
  await new Promise((resolve) => setTimeout(resolve, 0));
  for (const [kind, count] of resources()) expect(count, kind).toBeLessThanOrEqual(before.get(kind) ?? 0);
});

test('warmUpRender in Russian, ASCII, a small terminal: no error either', () => {
  expect(warmUpRender({ lang: 'ru', color: false, ascii: false, columns: 80, rows: 24 })).toContain('syncdeck');
  expect(warmUpRender({ lang: 'en', color: false, ascii: true, columns: 60, rows: 20 })).toContain('quit');
});
