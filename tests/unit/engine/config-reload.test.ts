// Issue 20, items 2 and 3 on a fake clock: which config the fleet runs (hashes, the claim of
// a newer file, the warning of an older one) and reloading without a restart (changed,
// added, removed tasks; a broken file keeps the last good config).
import { describe, expect, it } from 'vitest';
import { parseConfigText } from '../../../src/config/load.js';
import { fingerprintOf } from '../../../src/engine/config/fingerprint.js';
import { diffTasks } from '../../../src/engine/config/holder.js';
import { EngineError, type EngineEvent } from '../../../src/engine/types.js';
import { FakeClock } from '../../helpers/fake-clock.js';
import { FakeConfigFiles } from '../../helpers/fake-config-files.js';
import { useTempDir } from '../../helpers/temp-dir.js';
import { finished, ofType, startWatchingEngine } from '../../helpers/watched-config-engine.js';

const dir = useTempDir('syncdeck-config-reload-');
const HOUR = 3_600_000;
const OLGA = { user: 'olga', osUser: 'olga', roles: ['reception'], permissions: [], settings: false, known: true };
const MINUTE = 60_000;

function task(id: string, every = 'interval: 1h', path = '/x'): string {
  return `{ id: ${id}, name: Task ${id}, type: calls, service: telephony, role: reception, ${every}, handler: { kind: http, path: ${path} } }`;
}

function clinic(tasks: string[], token = 'secret-1'): string {
  return [
    'engine: { leaseTtl: 4s, heartbeat: 1s, stopGrace: 1s }',
    'users:',
    '  - { name: olga, roles: [reception] }',
    'services:',
    `  - { id: telephony, name: Telephony, baseUrl: "http://127.0.0.1:9", auth: { type: bearer, token: ${token} } }`,
    'tasks:',
    ...tasks.map((t) => `  - ${t}`),
    '',
  ].join('\n');
}

const parse = (text: string) => parseConfigText(text, { baseDir: process.cwd(), source: 'c.yaml', env: {} });

describe('config/fingerprint', () => {
  it('a task hash covers its definition, handler and service; secrets do not count', () => {
    const a = fingerprintOf(parse(clinic([task('calls'), task('leads')])));
    expect(fingerprintOf(parse(clinic([task('calls'), task('leads')])))).toEqual(a);
    // Another token (a secret, possibly per computer): the same definitions.
    expect(fingerprintOf(parse(clinic([task('calls'), task('leads')], 'secret-2'))).version).toBe(a.version);
    const b = fingerprintOf(
      parse(clinic([task('calls', 'interval: 5m'), task('leads', 'interval: 1h', '/leads'), task('fresh')])),
    );
    expect(diffTasks(a, b)).toEqual({ changed: ['calls', 'leads'], added: ['fresh'], removed: [] });
    expect(b.version).not.toBe(a.version);
    const c = fingerprintOf(parse(clinic([task('calls')]).replace('127.0.0.1:9', '127.0.0.1:10')));
    expect(diffTasks(a, c)).toEqual({ changed: ['calls'], added: [], removed: ['leads'] });
  });
});

describe('config reload (ConfigKeeper)', () => {
  it('applies an edit without a restart: an unchanged task keeps its next run, a changed schedule counts from the last end, a removed task stops, a new one runs', async () => {
    const clock = new FakeClock();
    const files = new FakeConfigFiles();
    files.write('/c.yaml', clinic([task('calls'), task('leads'), task('old')]), clock.now() - MINUTE);
    const t = await startWatchingEngine({ dir: dir(), clock, files });
    try {
      await clock.advanceUntil(() => ['calls', 'leads', 'old'].every((id) => finished(t.events, id) === 1));
      const before = new Map((await t.store.listTasks()).map((r) => [r.id, r]));
      await clock.advance(10 * MINUTE);
      files.write('/c.yaml', clinic([task('calls'), task('leads', 'interval: 30m'), task('fresh')]), clock.now());
      await clock.advanceUntil(() => ofType(t.events, 'config-reloaded').length > 0);
      expect(ofType(t.events, 'config-reloaded')).toEqual([
        {
          type: 'config-reloaded',
          changed: ['leads'],
          added: ['fresh'],
          removed: ['old'],
          users: [],
          hidden: [],
          identity: OLGA,
        },
      ]);
      await clock.advanceUntil(() => finished(t.events, 'fresh') === 1);
      const after = new Map((await t.store.listTasks()).map((r) => [r.id, r]));
      expect(after.get('calls')!.nextRunAt).toBe(before.get('calls')!.nextRunAt);
      expect(after.get('leads')!.nextRunAt).toBe(before.get('leads')!.lastFinishedAt! + 30 * MINUTE);
      expect(after.get('old')!.inConfig).toBe(false);
      // Nothing became due by the edit: leads runs 30 minutes after its last end, old never again.
      await clock.advance(15 * MINUTE);
      expect([finished(t.events, 'calls'), finished(t.events, 'leads'), finished(t.events, 'old')]).toEqual([1, 1, 1]);
      await clock.advance(10 * MINUTE);
      expect(finished(t.events, 'leads')).toBe(2);
      expect(finished(t.events, 'old')).toBe(1);
      const status = await t.engine.configStatus();
      expect(status).toMatchObject({
        file: '/c.yaml',
        differs: [],
        error: null,
        lastReload: { changed: ['leads'], added: ['fresh'], removed: ['old'] },
      });
      expect(status.fleet).toMatchObject({
        version: status.version,
        writtenBy: expect.stringMatching(/^olga@/) as unknown,
      });
      expect(structuredClone(status)).toEqual(status);
    } finally {
      await t.close();
    }
  });

  it('a broken edit is refused with file:line: field, the last good config keeps running; fixing it reloads', async () => {
    const clock = new FakeClock();
    const files = new FakeConfigFiles();
    files.write('/c.yaml', clinic([task('calls', 'interval: 2m')]), clock.now() - MINUTE);
    const t = await startWatchingEngine({ dir: dir(), clock, files });
    try {
      await clock.advanceUntil(() => finished(t.events, 'calls') === 1);
      files.write('/c.yaml', clinic([task('calls', 'interval: 5 parsecs')]), clock.now());
      await clock.advance(100);
      const [error] = ofType(t.events, 'config-error');
      expect(error?.problems).toEqual([
        expect.stringMatching(/^\/c\.yaml:7: tasks\[0\]\.interval: "5 parsecs" is not a duration/),
      ]);
      expect((await t.engine.configStatus()).error).toEqual(error?.problems);
      files.write('/c.yaml', 'tasks: [', clock.now());
      await clock.advance(100);
      expect(ofType(t.events, 'config-error')[1]?.problems[0]).toMatch(/^\/c\.yaml:1: YAML syntax error/);
      // The last good config: calls still runs every 2 minutes.
      await clock.advance(2 * MINUTE + 5_000);
      expect(finished(t.events, 'calls')).toBe(2);
      expect(ofType(t.events, 'config-reloaded')).toEqual([]);
      files.write('/c.yaml', clinic([task('calls', 'interval: 1h')]), clock.now());
      await clock.advance(100);
      expect(ofType(t.events, 'config-reloaded')).toEqual([
        { type: 'config-reloaded', changed: ['calls'], added: [], removed: [], users: [], hidden: [], identity: OLGA },
      ]);
      expect((await t.engine.configStatus()).error).toBeNull();
    } finally {
      await t.close();
    }
  });

  it(
    'two engines with different files: the newer file is the fleet’s; the other warns and does not run what differs, until its file is newer',
    { timeout: 60_000 },
    async () => {
      const clock = new FakeClock();
      const files = new FakeConfigFiles();
      files.write('/a.yaml', clinic([task('calls'), task('same')]), clock.now() - MINUTE);
      files.write('/b.yaml', clinic([task('calls', 'interval: 5m'), task('same')]), clock.now() - 2 * MINUTE);
      const start = (host: string, file: string) => startWatchingEngine({ dir: dir(), clock, files, file, host });
      const a = await start('host-a', '/a.yaml');
      const b = await start('host-b', '/b.yaml');
      try {
        const status = await b.engine.configStatus();
        expect(status.fleet).toMatchObject({ writtenBy: 'olga@host-a' });
        expect(status.differs).toEqual(['calls']);
        const [warning] = ofType(b.events, 'config-differs');
        expect(warning?.message).toMatch(
          /^this instance's config differs from the fleet's \(written by olga@host-a at \S+\): task calls differs, and this instance does not run it/,
        );
        expect((await b.store.getTask('calls'))?.intervalMs).toBe(HOUR);
        await expect(b.engine.runNow('calls')).rejects.toThrow(EngineError);
        await clock.advance(10 * MINUTE);
        const ranOn = (e: { events: EngineEvent[] }, id: string) => finished(e.events, id);
        // calls every hour on a only (b's 5 minutes are not the fleet's); same on either.
        expect([ranOn(a, 'calls'), ranOn(b, 'calls')]).toEqual([1, 0]);
        expect(ranOn(a, 'same') + ranOn(b, 'same')).toBe(1);

        // b's file is edited (saved later than the fleet's version): it becomes the fleet's, a follows and warns.
        files.write('/b.yaml', clinic([task('calls', 'interval: 5m'), task('same')]), clock.now());
        await clock.advanceUntil(() => ofType(a.events, 'config-differs').length > 0, { stepMs: 500 });
        expect((await b.engine.configStatus()).differs).toEqual([]);
        expect((await a.engine.configStatus()).differs).toEqual(['calls']);
        expect(ofType(b.events, 'config-differs').at(-1)).toEqual({ type: 'config-differs', message: null, tasks: [] });
        const row = (await a.store.getTask('calls'))!;
        expect(row.intervalMs).toBe(5 * MINUTE);
        // Counted from its last end (already past here, 10 minutes ago: so it runs, then every 5 minutes).
        expect(row.nextRunAt).toBe(row.lastFinishedAt! + 5 * MINUTE);
        await clock.advance(12 * MINUTE);
        expect(ranOn(a, 'calls')).toBe(1);
        expect(ranOn(b, 'calls')).toBe(3);
      } finally {
        await b.close();
        await a.close();
      }
    },
  );
});
