// SQLite's change marker is PRAGMA data_version: our own commits do not move it, only
// another connection's (the store contract covers the rest, on every store).
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Store } from '../../../src/db/index.js';
import { T0, openTestStore, serviceDef, taskDef } from '../../helpers/db-fixtures.js';
import { useTempDir } from '../../helpers/temp-dir.js';

const dir = useTempDir('syncdeck-marker-');
let store: Store;

beforeEach(async () => {
  store = openTestStore(dir()).store;
  await store.syncDefinitions([serviceDef('tel')], [taskDef('calls', 'tel')], T0);
});
afterEach(async () => {
  await store.close();
});

it("our own write does not move the marker; another connection's does, at once", async () => {
  const other = openTestStore(dir()).store;
  try {
    const before = await store.changeMarker();
    await store.setPaused('calls', true);
    expect(await store.changeMarker()).toBe(before);
    await other.setPaused('calls', false);
    expect(await store.changeMarker()).not.toBe(before);
  } finally {
    await other.close();
  }
});
