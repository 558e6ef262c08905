// A database that stops taking writes while an engine runs (read-only file, full disk),
// then takes them again: what `syncdeck engine` logs before, during and after.
import { setTimeout as delay } from 'node:timers/promises';
import { expect } from 'vitest';
import { isEvent, type SyncdeckProcess } from './syncdeck-process.js';

/** Long enough for a crash loop or repeated errors to show, and for leases (3s TTL) to run out. */
export const OUTAGE_MS = 4_000;

export interface Outage {
  start(): void | Promise<void>;
  end(): void | Promise<void>;
  /** Runs while the database is down, after the engine said so (the dashboard check). */
  whileDown?(): Promise<unknown>;
  /** Runs after the engine said the database is back. */
  whenUp?(): Promise<unknown>;
}

/** Returns the storage-error line and the id of a run that finished after the recovery. */
export async function sufferOutage(
  engine: SyncdeckProcess,
  outage: Outage,
): Promise<{ error: Record<string, unknown>; runAfter: { id: number; outcome: string } }> {
  await engine.waitFor(isEvent('run-finished'), 'a first run-finished');
  const from = engine.lines.length;
  await outage.start();
  const error = await engine.waitFor((l) => l.event === 'storage-error', 'storage-error');
  await outage.whileDown?.();
  await delay(OUTAGE_MS); // time is the point: nothing more may happen in it
  const during = engine.lines.slice(from);
  expect(engine.child.exitCode).toBeNull();
  expect(during.filter((l) => l.event === 'storage-error')).toHaveLength(1);
  expect(during.filter((l) => l.event === 'storage-recovered')).toHaveLength(0);
  expect(during.length).toBeLessThan(20); // a handful of run lines at most, not a loop
  expect(engine.stderr).toEqual([]);

  await outage.end();
  await engine.waitFor((l) => l.event === 'storage-recovered', 'storage-recovered');
  const upAt = engine.lines.findIndex((l, i) => i >= from && l.event === 'storage-recovered');
  const finishedAfter = await engine.waitFor(
    (l) => l.event === 'run-finished' && engine.lines.indexOf(l) > upAt,
    'a run-finished after the recovery',
  );
  await outage.whenUp?.();
  return { error, runAfter: finishedAfter.run as { id: number; outcome: string } };
}
