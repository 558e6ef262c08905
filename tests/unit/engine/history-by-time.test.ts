// Issue 17 in the engine: history by person and time, who may have started runs, and the
// runs of a command task, which record a progress log and never exchanges.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../../src/db/index.js';
import { Engine } from '../../../src/engine/engine.js';
import { resolveIdentity } from '../../../src/engine/identity.js';
import { newInstance } from '../../../src/engine/instances.js';
import { SCHEDULER } from '../../../src/engine/types.js';
import { startTestEngine, testConfig, TEST_CONFIG } from '../../helpers/engine-fixture.js';
import { useTempDir } from '../../helpers/temp-dir.js';

const dir = useTempDir('syncdeck-engine-history-');

const WITH_COMMAND = `${TEST_CONFIG}  - { id: export, name: Export, type: calls, service: telephony, role: reception, interval: 1h, handler: { kind: command, command: ./tests/fixtures/commands/fail.mjs } }
`;

describe('history by person and time, through the engine', () => {
  it('filters by who started a run and by a time range; the catalogue lists the scheduler and the users', async () => {
    const t = await startTestEngine({
      dir: dir(),
      config: testConfig(WITH_COMMAND),
      handlers: { calls: async () => undefined, leads: async () => undefined },
    });
    try {
      const before = Date.now();
      const a = await t.engine.waitForRun((await t.engine.runNow('calls')).id);
      // The second run starts on a later millisecond than the first (a condition, not a sleep).
      while (Date.now() <= a.startedAt) await new Promise((resolve) => setImmediate(resolve));
      const b = await t.engine.waitForRun((await t.engine.runNow('leads')).id);
      expect((await t.engine.history({ limit: 10, startedBy: 'anna' })).map((r) => r.id)).toEqual([b.id, a.id]);
      expect(await t.engine.history({ limit: 10, startedBy: SCHEDULER })).toEqual([]);
      expect((await t.engine.history({ limit: 10, since: before - 1, until: b.startedAt })).map((r) => r.id)).toEqual([
        a.id,
      ]);
      expect(await t.engine.countHistory({ since: b.startedAt }, 100)).toBe(1);
      expect((await t.engine.catalog()).users).toEqual([SCHEDULER, 'anna', 'ivan', 'olga']);
    } finally {
      await t.close();
    }
  });

  it("on a database nobody has written definitions to yet, the catalogue is the config's (history --task calls is not an unknown task)", async () => {
    const config = testConfig();
    const store = openStore(join(dir(), 'fresh.db'));
    const engine = new Engine({
      store,
      config,
      identity: resolveIdentity(config, 'anna'),
      instance: newInstance('anna', 'cli'),
      location: { database: store.location, config: 'test.yaml', demo: false },
      schedule: false,
    });
    try {
      const catalog = await engine.catalog();
      expect(catalog.tasks.map((t) => t.id)).toEqual(['calls', 'leads']);
      expect(catalog.services).toEqual([
        { id: 'leads', name: 'Leads' },
        { id: 'telephony', name: 'Telephony' },
      ]);
      expect(await store.listTasks()).toEqual([]); // still nothing written
    } finally {
      await store.close();
    }
  });

  it('a manual run of a command task records no exchanges: no diagnostics flag, and it says so', async () => {
    const t = await startTestEngine({
      dir: dir(),
      config: testConfig(WITH_COMMAND),
      handlers: { export: async (ctx) => ctx.log('exported 12 rows'), calls: async () => undefined },
    });
    try {
      const run = await t.engine.waitForRun((await t.engine.runNow('export')).id);
      expect(run).toMatchObject({ outcome: 'success', hasDiagnostics: false, recordsExchanges: false });
      expect((await t.engine.runDetails(run.id)).log.map((l) => l.message)).toEqual(['exported 12 rows']);
      const http = await t.engine.waitForRun((await t.engine.runNow('calls')).id);
      expect(http).toMatchObject({ hasDiagnostics: true, recordsExchanges: true });
      const [task] = (await t.engine.snapshot()).filter((x) => x.id === 'export');
      expect(task?.lastRun).toMatchObject({ hasDiagnostics: false, recordsExchanges: false });
    } finally {
      await t.close();
    }
  });
});
