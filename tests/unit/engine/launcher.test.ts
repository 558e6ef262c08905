// Every run that starts produces run-started and run-finished events, even when reading the
// names around it fails (issue: on a busy PostgreSQL, a failed name lookup dropped the event
// and left the run registered forever).
import { describe, expect, it } from 'vitest';
import type { Store } from '../../../src/db/index.js';
import { startTestEngine } from '../../helpers/engine-fixture.js';
import { FakeClock } from '../../helpers/fake-clock.js';
import { useTempDir } from '../../helpers/temp-dir.js';

const dir = useTempDir('syncdeck-launcher-');

/** listInstances and listServices fail while `failing` is set (the name lookups). */
function failingNames(store: Store) {
  const state = { failing: false };
  const wrapped = new Proxy(store, {
    get(target, prop) {
      const value = Reflect.get(target, prop) as unknown;
      if ((prop === 'listInstances' || prop === 'listServices') && typeof value === 'function') {
        return (...args: unknown[]) =>
          state.failing
            ? Promise.reject(new Error('connection reset'))
            : (value as (...a: unknown[]) => unknown).apply(target, args);
      }
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { wrapped, state };
}

describe('launcher.Launcher.launch', () => {
  it('emits run-started and run-finished, and a warning, when the name lookup fails', async () => {
    const clock = new FakeClock();
    let names!: ReturnType<typeof failingNames>;
    const t = await startTestEngine({
      dir: dir(),
      clock,
      handlers: { calls: async () => undefined },
      wrapStore: (s) => (names = failingNames(s)).wrapped,
    });
    try {
      names.state.failing = true;
      // A run of a task whose instance is not in the name cache yet forces a lookup.
      const started = await t.engine.runNow('calls');
      const finished = await t.engine.waitForRun(started.id);
      await clock.advance(0);
      expect(finished.outcome).toBe('success');
      const types = t.events.map((e) => e.type);
      expect(types.filter((x) => x === 'run-started')).toHaveLength(1);
      expect(types.filter((x) => x === 'run-finished')).toHaveLength(1);
      expect(t.events).toContainEqual(expect.objectContaining({ type: 'warning', event: 'name-lookup-failed' }));
      // The run left this instance's registry: a second run can start.
      names.state.failing = false;
      const again = await t.engine.runNow('calls');
      expect((await t.engine.waitForRun(again.id)).outcome).toBe('success');
    } finally {
      names.state.failing = false;
      await t.close();
    }
  });
});
