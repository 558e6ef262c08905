// Issue 20 on a fake clock: what else a reload applies without a restart — `users` (what
// this instance's user sees, may do and runs), alert channels (a changed webhook gets the
// next alert, a removed one no new alert), and `database` (kept until a restart, said once).
import { describe, expect, it } from 'vitest';
import type { Send } from '../../../src/engine/alerts/send.js';
import { TaskError, type Handler } from '../../../src/engine/handlers/types.js';
import { EngineError } from '../../../src/engine/types.js';
import { FakeClock } from '../../helpers/fake-clock.js';
import { FakeConfigFiles } from '../../helpers/fake-config-files.js';
import { useTempDir } from '../../helpers/temp-dir.js';
import { finished, ofType, startWatchingEngine } from '../../helpers/watched-config-engine.js';

const dir = useTempDir('syncdeck-config-live-');
const MINUTE = 60_000;

interface Clinic {
  olgaRoles?: string;
  channels?: string[];
  database?: string;
  callsEvery?: string;
}

function clinic(c: Clinic = {}): string {
  const lines = [
    'engine: { leaseTtl: 4s, heartbeat: 1s, stopGrace: 1s }',
    ...(c.database ? [`database: ${c.database}`] : []),
    'users:',
    `  - { name: olga, roles: [${c.olgaRoles ?? 'reception'}] }`,
    'services:',
    '  - { id: telephony, name: Telephony, baseUrl: "http://127.0.0.1:9" }',
    'tasks:',
    `  - { id: calls, name: Calls, type: calls, service: telephony, role: reception, interval: ${c.callsEvery ?? '1m'}, maxInterval: ${c.callsEvery ?? '1m'}, handler: { kind: http, path: /c } }`,
    '  - { id: night, name: Night export, type: export, service: telephony, role: night-shift, interval: 1m, maxInterval: 1m, handler: { kind: http, path: /n } }',
  ];
  if (c.channels) lines.push('alerts:', '  failingAfter: 1', '  channels:', ...c.channels.map((ch) => `    - ${ch}`));
  return `${lines.join('\n')}\n`;
}

async function start(
  clock: FakeClock,
  files: FakeConfigFiles,
  extra: { handlers?: Record<string, Handler>; sendAlert?: Send } = {},
) {
  return startWatchingEngine({ dir: dir(), clock, files, ...extra });
}

describe('a reload applies users, alert channels and says database needs a restart', () => {
  it('a user who loses a role stops seeing and running its tasks at once; one who gains a role runs them', async () => {
    const clock = new FakeClock();
    const files = new FakeConfigFiles();
    files.write('/c.yaml', clinic(), clock.now() - MINUTE);
    const t = await start(clock, files);
    try {
      await clock.advanceUntil(() => finished(t.events, 'calls') === 1);
      expect((await t.engine.snapshot()).map((v) => v.id)).toEqual(['calls']);

      files.write('/c.yaml', clinic({ olgaRoles: 'night-shift' }), clock.now());
      await clock.advanceUntil(() => ofType(t.events, 'config-reloaded').length > 0);
      const [reloaded] = ofType(t.events, 'config-reloaded');
      expect(reloaded).toMatchObject({ changed: [], users: ['olga'], hidden: ['calls'] });
      expect(reloaded!.identity.roles).toEqual(['night-shift']);
      expect(t.engine.identity.roles).toEqual(['night-shift']);
      expect((await t.engine.configStatus()).lastReload).toMatchObject({ users: ['olga'] });

      // The engine enforces it: not shown, not to be run, stopped, paused or read.
      expect((await t.engine.snapshot()).map((v) => v.id)).toEqual(['night']);
      await expect(t.engine.runNow('calls')).rejects.toThrow(EngineError);
      await expect(t.engine.pause('calls')).rejects.toThrow(/no task "calls"/);
      expect(await t.engine.history({ limit: 10, taskId: 'calls' })).toEqual([]);
      // The instance's row says what it runs now (other instances decide "unrunnable" by it).
      const [row] = await t.store.listInstances();
      expect(row?.roles).toEqual(['night-shift']);

      const calls = finished(t.events, 'calls');
      await clock.advanceUntil(() => finished(t.events, 'night') === 2);
      await clock.advance(3 * MINUTE);
      expect(finished(t.events, 'calls')).toBe(calls);

      // Back: the task is visible and runs here again.
      files.write('/c.yaml', clinic({ olgaRoles: 'reception' }), clock.now());
      await clock.advanceUntil(() => finished(t.events, 'calls') > calls);
      expect(ofType(t.events, 'config-reloaded')[1]).toMatchObject({ users: ['olga'], hidden: ['night'] });
    } finally {
      await t.close();
    }
  });

  it('a changed webhook gets the next alert; a removed channel gets no new one and keeps its pending deliveries', async () => {
    const clock = new FakeClock();
    const files = new FakeConfigFiles();
    const sent: { channel: string; url: string; event: unknown; taskId: unknown }[] = [];
    const sendAlert: Send = async (channel, body) => {
      const parsed = JSON.parse(body) as Record<string, unknown>;
      sent.push({ channel: channel.name, url: channel.kind === 'webhook' ? channel.url : '', ...pick(parsed) });
      // `old` is down: its delivery is still pending when the channel is removed.
      const ok = channel.name !== 'old';
      return { ok, status: ok ? 200 : 500, message: ok ? 'HTTP 200' : 'HTTP 500', durationMs: 1 };
    };
    const pick = (b: Record<string, unknown>) => ({ event: b.event, taskId: b.taskId });
    const failing = { calls: true };
    const handlers = {
      calls: async () => {
        if (failing.calls) throw new TaskError('auth', 'not authorized (401)');
      },
    };
    files.write('/c.yaml', clinic({ channels: ['{ kind: webhook, name: chat, url: "http://127.0.0.1:1/a" }'] }), 0);
    const t = await start(clock, files, { handlers, sendAlert });
    try {
      await clock.advanceUntil(() => sent.length === 1, { stepMs: 1_000, maxMs: 10 * MINUTE });
      expect(sent[0]).toEqual({ channel: 'chat', url: 'http://127.0.0.1:1/a', event: 'failing', taskId: 'calls' });

      files.write(
        '/c.yaml',
        clinic({
          channels: [
            '{ kind: webhook, name: chat, url: "http://127.0.0.1:1/b" }',
            '{ kind: webhook, name: old, url: "http://127.0.0.1:1/old" }',
          ],
        }),
        clock.now(),
      );
      await clock.advanceUntil(() => ofType(t.events, 'config-reloaded').length === 1);
      failing.calls = false;
      await clock.advanceUntil(() => sent.length === 3, { stepMs: 1_000, maxMs: 10 * MINUTE });
      expect(sent.slice(1).sort((a, b) => a.channel.localeCompare(b.channel))).toEqual([
        { channel: 'chat', url: 'http://127.0.0.1:1/b', event: 'recovered', taskId: 'calls' },
        { channel: 'old', url: 'http://127.0.0.1:1/old', event: 'recovered', taskId: 'calls' },
      ]);

      // `old` removed: the next episode's alert goes to chat only.
      files.write(
        '/c.yaml',
        clinic({ channels: ['{ kind: webhook, name: chat, url: "http://127.0.0.1:1/b" }'] }),
        clock.now(),
      );
      await clock.advanceUntil(() => ofType(t.events, 'config-reloaded').length === 2);
      failing.calls = true;
      await clock.advanceUntil(() => sent.length === 4, { stepMs: 1_000, maxMs: 10 * MINUTE });
      await clock.advance(2 * MINUTE);
      expect(sent.slice(3)).toEqual([
        { channel: 'chat', url: 'http://127.0.0.1:1/b', event: 'failing', taskId: 'calls' },
      ]);
      const listed = await t.engine.alerts(2);
      expect(listed.map((a) => [a.event, a.deliveries.map((d) => [d.channel, d.state, d.attempts])])).toEqual([
        ['failing', [['chat', 'delivered', 1]]],
        // Not sent again by an instance without the channel, not given up: pending for one that has it.
        [
          'recovered',
          [
            ['chat', 'delivered', 1],
            ['old', 'pending', 1],
          ],
        ],
      ]);
      expect(await t.engine.alertTrouble()).toEqual([]);
    } finally {
      await t.close();
    }
  });

  it('a new database in the file is kept until a restart and said once; the rest of the edit applies', async () => {
    const clock = new FakeClock();
    const files = new FakeConfigFiles();
    files.write('/c.yaml', clinic(), clock.now() - MINUTE);
    const t = await start(clock, files);
    try {
      const url = 'postgres://syncdeck:hunter2@db.clinic:5432/syncdeck';
      await clock.advance(1_000);
      files.write('/c.yaml', clinic({ database: url, callsEvery: '5m' }), clock.now());
      await clock.advanceUntil(() => ofType(t.events, 'config-restart-needed').length > 0);
      const [restart] = ofType(t.events, 'config-restart-needed');
      expect(restart).toEqual({
        type: 'config-restart-needed',
        fields: ['database'],
        message: `database changed in /c.yaml: this instance keeps using ${t.store.location} until it restarts`,
      });
      expect(JSON.stringify(t.events)).not.toContain('hunter2');
      expect((await t.engine.configStatus()).restartNeeded).toMatchObject({
        fields: ['database'],
        inUse: t.store.location,
      });
      expect(ofType(t.events, 'config-reloaded')).toMatchObject([{ changed: ['calls'] }]);
      expect((await t.store.getTask('calls'))?.intervalMs).toBe(5 * MINUTE);

      // The same database again (another edit): nothing more is said.
      await clock.advance(1_000);
      files.write('/c.yaml', clinic({ database: url, callsEvery: '10m' }), clock.now());
      await clock.advanceUntil(() => ofType(t.events, 'config-reloaded').length === 2);
      expect(ofType(t.events, 'config-restart-needed')).toHaveLength(1);

      // Back to what runs: the warning ends.
      files.write('/c.yaml', clinic(), clock.now());
      await clock.advanceUntil(() => ofType(t.events, 'config-restart-needed').length === 2);
      expect(ofType(t.events, 'config-restart-needed')[1]).toEqual({
        type: 'config-restart-needed',
        fields: [],
        message: null,
      });
      expect((await t.engine.configStatus()).restartNeeded).toBeNull();
    } finally {
      await t.close();
    }
  });
});
