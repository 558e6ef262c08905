// The header says when alerts do not reach their channel (docs/alerts.md): one line naming
// each failing channel, since when, and how many alerts wait; gone once it delivers again.
import { afterEach, expect, test } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { AT_1402, sampleEngine } from '../helpers/fake-engine.js';
import { renderApp } from '../helpers/render-app.js';

afterEach(() => cleanup());

test('a failing channel is named in the header until a delivery succeeds; the frame keeps its height', async () => {
  const engine = sampleEngine();
  engine.alertTroubles = [
    { channel: 'webhook', failingSince: AT_1402, undelivered: 2, lastError: 'HTTP 500' },
    { channel: 'mail', failingSince: AT_1402 - 86_400_000, undelivered: 1, lastError: 'exit 1' },
  ];
  const app = await renderApp(engine, { columns: 140, rows: 30 });
  await app.waitFor(
    'alert to webhook failing since 14:02 (2 undelivered) · alert to mail failing since 25 Nov 14:02 (1 undelivered)',
  );
  expect(app.frame().split('\n').length).toBe(29);
  engine.alertTroubles = [];
  engine.emit({
    type: 'alert-delivery',
    alertId: 3,
    event: 'failing',
    taskId: 'calls',
    channel: 'webhook',
    ok: true,
    status: 200,
    message: 'HTTP 200',
    state: 'delivered',
    nextAttemptAt: null,
  });
  await app.waitFor((f) => !f.includes('alert to'));
  expect(app.frame().split('\n').length).toBe(29);
});

test('in Russian, and nothing when every channel delivers', async () => {
  const engine = sampleEngine();
  engine.alertTroubles = [{ channel: 'webhook', failingSince: AT_1402, undelivered: 3, lastError: null }];
  const ru = await renderApp(engine, { columns: 140, rows: 30, lang: 'ru' });
  await ru.waitFor('оповещения в webhook не доходят с 14:02 (не доставлено: 3)');
  const ok = await renderApp(sampleEngine(), { columns: 140, rows: 30 });
  await ok.waitFor('Receive calls');
  expect(ok.frame()).not.toContain('alert to');
});
