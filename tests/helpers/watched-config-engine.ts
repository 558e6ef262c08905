// An engine on a fake clock that watches a config file held in memory (FakeConfigFiles), for
// the reload tests; and the event filters they read its events with.
import type { EngineEvent } from '../../src/engine/types.js';
import { startTestEngine, type TestEngine, type TestEngineOptions } from './engine-fixture.js';
import type { FakeClock } from './fake-clock.js';
import type { FakeConfigFiles } from './fake-config-files.js';

export function startWatchingEngine(
  opts: { dir: string; clock: FakeClock; files: FakeConfigFiles; file?: string } & Partial<TestEngineOptions>,
): Promise<TestEngine> {
  const { files, file = '/c.yaml', ...rest } = opts;
  return startTestEngine({
    user: 'olga',
    schedule: true,
    config: files.load(file),
    handlers: {},
    configFile: file,
    configFiles: files,
    presync: false,
    ...rest,
  });
}

export const ofType = <T extends EngineEvent['type']>(events: EngineEvent[], type: T) =>
  events.filter((e): e is Extract<EngineEvent, { type: T }> => e.type === type);

/** How many runs of the task finished. */
export const finished = (events: EngineEvent[], taskId: string) =>
  ofType(events, 'run-finished').filter((e) => e.run.taskId === taskId).length;
