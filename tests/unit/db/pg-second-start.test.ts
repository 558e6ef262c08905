// A start-up storm's common case on PostgreSQL (issue 15): an engine that starts on a
// database already migrated and synced by another costs the server a few plain reads and
// its own instance row — no lock, no transaction, no other write — counted from the
// statements the store sends (PgStoreOptions.onStatement). Forty of these start at once.
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, PgStore, type Store } from '../../../src/db/index.js';
import { Engine } from '../../../src/engine/engine.js';
import { resolveIdentity } from '../../../src/engine/identity.js';
import { newInstance } from '../../../src/engine/instances.js';
import { testConfig } from '../../helpers/engine-fixture.js';
import { STORE_KINDS, useStoreLocation } from '../../helpers/stores.js';

function engineOn(store: Store): Engine {
  const config = testConfig();
  return new Engine({
    store,
    config,
    identity: resolveIdentity(config, 'anna'),
    instance: newInstance('anna', 'engine'),
    location: { database: store.location, config: 'test.yaml', demo: false },
    schedule: true,
  });
}

for (const kind of STORE_KINDS.filter((k) => k === 'postgres')) {
  describe('a second engine starting on a migrated and synced PostgreSQL database', () => {
    const db = useStoreLocation(kind, 'syncdeck-pg-second-start-');
    const open: { engine: Engine; store: Store }[] = [];
    afterEach(async () => {
      for (const o of open.splice(0)) {
        await o.engine.shutdown();
        await o.store.close();
      }
    });

    it('sends a handful of reads and one write, its instance row', async () => {
      const firstStore = openStore(db().location);
      const first = engineOn(firstStore);
      open.push({ engine: first, store: firstStore });
      await first.start();

      const sent: string[] = [];
      const store = PgStore.open(db().location, { onStatement: (text) => sent.push(text) });
      const second = engineOn(store);
      open.push({ engine: second, store });
      await second.start();
      const atStart = sent.splice(0);

      const writes = atStart.filter((s) => /^\s*(INSERT|UPDATE|DELETE|BEGIN|CREATE|SET)\b/i.test(s));
      expect(writes).toHaveLength(1);
      expect(writes[0]).toMatch(/^INSERT INTO instances /);
      expect(atStart.filter((s) => /advisory/i.test(s))).toEqual([]);
      // The migration check, the clock, the task list, the definitions compared (one
      // round trip for the fleet row, services and tasks), the instance row, the instance
      // list and the orphan check (recovery), LISTEN. Before: twelve.
      expect(atStart.length).toBeLessThanOrEqual(8);
      expect(atStart.filter((s) => /fleet_config/.test(s))).toHaveLength(1);
    });
  });
}
