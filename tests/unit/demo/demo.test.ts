// The demo: startDemo / startDemoServices, and every demo task run by its real handler.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoadedConfig } from '../../../src/config/load.js';
import { demoConfig, startDemo, type Demo } from '../../../src/demo/index.js';
import { RESUME_STATE_KEY } from '../../../src/engine/handlers/http.js';
import { failure, harness } from '../../helpers/handler-context.js';

let demo: Demo;
beforeAll(async () => {
  demo = await startDemo('anna', { latencyScale: 0 });
});
afterAll(async () => {
  await demo?.close();
});

function taskHarness(config: LoadedConfig, taskId: string, state?: Record<string, unknown>) {
  const task = config.tasks.find((t) => t.id === taskId)!;
  const service = config.services.find((s) => s.id === task.service)!;
  return harness({ handler: task.handler, service, state });
}

describe('demo/index: startDemo', () => {
  it('returns the demo config pointing at the running services, with the user as admin', () => {
    const { config } = demo;
    expect(config.source).toBe('demo');
    expect(config.users[0]).toMatchObject({ name: 'anna', permissions: ['integration-settings'] });
    expect(config.services.map((s) => s.id)).toEqual(['telephony', 'leads', 'booking', 'sms']);
    for (const s of config.services) expect(s.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(config.tasks.find((t) => t.id === 'missed-calls')!.role).not.toBe(
      config.users[0]!.roles.find((r) => r === 'call-center'),
    );
    expect(config.tasks.find((t) => t.id === 'price-list')!.enabled).toBe(false);
  });
});

describe('demo/config: demoConfig', () => {
  it('parses before the services run (closed-port URLs) and for any user name', async () => {
    for (const user of ['olga', 'anna', "o'brien"]) {
      const config = await demoConfig({}, user);
      expect(config.users.filter((u) => u.name === user)).toHaveLength(1);
      expect(config.services.every((s) => s.baseUrl === 'http://127.0.0.1:9')).toBe(true);
    }
  });
});

describe('demo/services: every outcome from the simulated services', () => {
  it('calls: success over three pages, then continues from the saved cursor', async () => {
    const first = taskHarness(demo.config, 'calls');
    const result = await first.run();
    expect(result).toEqual({ message: expect.stringMatching(/^4[7-9] calls received in 3 pages$/) as unknown });
    expect(first.warnings).toEqual([]);
    const cursor = first.state.get(RESUME_STATE_KEY) as number;
    expect(cursor).toBeGreaterThanOrEqual(47);

    const second = taskHarness(demo.config, 'calls', Object.fromEntries(first.state));
    await expect(second.run()).resolves.toEqual({ message: expect.stringMatching(/^\d+ calls? received$/) as unknown });
    expect(second.logs[0]).toBe(`continuing where the last run stopped (since=${cursor})`);
  });

  it('recordings: many pages with a progress bar that fills up', async () => {
    const h = taskHarness(demo.config, 'recordings');
    await expect(h.run()).resolves.toEqual({ message: '120 recordings received in 24 pages' });
    expect(h.progress).toHaveLength(24);
    expect(h.progress.every((p, i) => p.total === 120 && p.done === (i + 1) * 5)).toBe(true);
  });

  it('leads: a warning for the leads the aggregator rejected', async () => {
    const h = taskHarness(demo.config, 'leads');
    await expect(h.run()).resolves.toEqual({
      message: expect.stringMatching(/^\d+ leads received, 2 rejected$/) as unknown,
    });
    expect(h.warnings).toHaveLength(1);
    expect(h.warnings[0]).toMatch(/^2 leads rejected: L-\d+: /);
  });

  it('lead-statuses: a recognized error (502 Bad Gateway) on the first try', async () => {
    const err = await failure(taskHarness(demo.config, 'lead-statuses').run());
    expect(err).toMatchObject({ errorClass: 'recognized', message: 'web server error 502 Bad Gateway' });
  });

  it('schedule: an auth error (the token has expired)', async () => {
    const h = taskHarness(demo.config, 'schedule');
    const err = await failure(h.run());
    expect(err.errorClass).toBe('auth');
    expect(err.message).toMatch(/^not authorized \(401 Unauthorized\): The access token expired/);
    expect(JSON.stringify(h.exchanges)).not.toContain('demo-expired-token');
  });

  it('reminders: a network error (the SMS gateway is down), with the API key redacted', async () => {
    const h = taskHarness(demo.config, 'reminders');
    const err = await failure(h.run());
    expect(err.errorClass).toBe('network');
    expect(err.message).toMatch(/^connection refused by 127\.0\.0\.1:\d+/);
    expect(h.exchanges[0]!.url).toMatch(/\/send\?api_key=\*\*\*$/);
  });
});

describe('demo/services: startDemoServices close', () => {
  it('closes promptly, even with a request waiting on simulated latency', async () => {
    const slow = await startDemo('anna');
    const telephony = slow.config.services.find((s) => s.id === 'telephony')!.baseUrl!;
    const pending = fetch(`${telephony}/v1/recordings`, { headers: { authorization: 'Bearer demo-telephony-token' } });
    // The request is in the server's hands once its connection is accepted; closing then must not wait for it.
    await new Promise((resolve) => setImmediate(resolve));
    await slow.close();
    await expect(pending).rejects.toThrow();
    await expect(fetch(telephony)).rejects.toThrow();
  });
});
