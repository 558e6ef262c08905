// The pure parts of alerts (docs/alerts.md): the config section and its file:line errors,
// the retry backoff, the payload and its one human line, redaction and control characters.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfigFile } from '../../../src/config/load.js';
import { afterFailedAttempt, retryDelay } from '../../../src/engine/alerts/backoff.js';
import { alertPayload, alertText, shortTime, type AlertFacts } from '../../../src/engine/alerts/payload.js';
import { checkPeriod } from '../../../src/engine/alerts/unrunnable-watch.js';
import { createConfigRedactor } from '../../../src/engine/diagnostics/redact.js';
import { useTempDir } from '../../helpers/temp-dir.js';

const dir = useTempDir('syncdeck-alert-parts-');
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

const BASE = `services:
  - { id: booking, name: Online booking }
tasks:
  - { id: upload, name: Upload schedule, type: schedule, service: booking, role: reception, interval: 5m, handler: { kind: http, path: /s } }
`;

function load(text: string, env: Record<string, string> = {}) {
  const file = join(dir(), 'syncdeck.yaml');
  writeFileSync(file, text);
  return loadConfigFile(file, { env });
}

function problems(text: string, env: Record<string, string> = {}): string[] {
  try {
    load(text, env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error('the config loaded');
}

describe('config: alerts', () => {
  it('defaults: failing after 3, unrunnable after 15m, retries 1m doubling to 1h for a day; channels named by kind', () => {
    writeFileSync(join(dir(), 'notify.sh'), '#!/bin/sh\n');
    const c = load(
      `${BASE}alerts:
  channels:
    - { kind: webhook, url: "https://hooks.example/syncdeck", headers: { Authorization: "Bearer \${ALERT_TOKEN}" } }
    - { kind: command, command: ./notify.sh }
    - { kind: webhook, url: "https://chat.example/hook" }
`,
      { ALERT_TOKEN: 'tok-secret-123' },
    );
    expect(c.alerts).toMatchObject({
      failingAfter: 3,
      unrunnableAfter: 15 * MIN,
      retryInterval: MIN,
      maxRetryInterval: HOUR,
      retryFor: DAY,
    });
    expect(c.alerts!.channels.map((ch) => ch.name)).toEqual(['webhook', 'command', 'webhook-2']);
    expect(c.alerts!.channels[0]).toMatchObject({
      headers: { Authorization: 'Bearer tok-secret-123' },
      timeout: 10_000,
    });
    // A relative command is next to the config file.
    expect(c.alerts!.channels[1]).toMatchObject({ command: join(dir(), 'notify.sh') });
    expect(c.secrets).toContain('tok-secret-123');
    expect(c.tasks[0]!.alerts).toBe(true);
  });

  it('a task may opt out; no alerts section means no alerts', () => {
    expect(load(BASE.replace('role: reception,', 'role: reception, alerts: false,')).tasks[0]!.alerts).toBe(false);
    expect(load(BASE).alerts).toBeUndefined();
  });

  it('bad values are reported as file:line: field.path: message', () => {
    const text = `${BASE}alerts:
  failingAfter: 0
  unrunnableAfter: soon
  maxRetryInterval: 10s
  channels:
    - { kind: sms, to: "+1" }
    - { kind: webhook, url: "ftp://x", name: a }
    - { kind: command, command: ./missing.sh, name: a }
    - { kind: webhook, url: "https://x.example", headers: { Authorization: "Bearer \${NOPE}" } }
`;
    const found = problems(text);
    const at = (line: number, text: string) =>
      expect(found).toContainEqual(expect.stringMatching(new RegExp(`syncdeck\\.yaml:${line}: ${text}`)));
    at(6, 'alerts\\.failingAfter: 0 is too small \\(minimum 1\\)');
    at(7, 'alerts\\.unrunnableAfter: "soon" is not a duration');
    at(10, 'alerts\\.channels\\[0\\]\\.kind: unknown kind "sms" \\(use one of: webhook, command\\)');
    at(11, 'alerts\\.channels\\[1\\]\\.url: .*expected an http:// or https:// URL');
    at(13, 'alerts\\.channels\\[3\\]\\.headers\\.Authorization: environment variable NOPE is not set');
  });

  it('duplicate channel names, a missing program, and a max retry shorter than the first are reported', () => {
    const text = `${BASE}alerts:
  retryInterval: 10m
  maxRetryInterval: 5m
  channels:
    - { kind: webhook, url: "https://x.example", name: support }
    - { kind: command, command: ./missing.sh, name: support }
`;
    const file = join(dir(), 'syncdeck.yaml');
    expect(problems(text)).toEqual([
      `${file}:7: alerts.maxRetryInterval: must not be shorter than retryInterval`,
      `${file}:10: alerts.channels[1].name: duplicate channel name "support"`,
      `${file}:10: alerts.channels[1].command: program ${join(dir(), 'missing.sh')} does not exist`,
    ]);
  });
});

describe('backoff', () => {
  const policy = { retryInterval: MIN, maxRetryInterval: HOUR, retryFor: DAY };

  it('1 min, 2, 4 … up to 1 h', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 40].map((n) => retryDelay(policy, n) / MIN)).toEqual([
      1, 2, 4, 8, 16, 32, 60, 60, 60,
    ]);
  });

  it('for a day after the alert: then it is given up', () => {
    const created = 0;
    let now = created;
    let attempts = 0;
    for (;;) {
      attempts++;
      const next = afterFailedAttempt(policy, attempts, created, now);
      if (next.state === 'failed') break;
      expect(next.nextAttemptAt).toBeLessThanOrEqual(created + DAY);
      now = next.nextAttemptAt;
    }
    // 1+2+4+8+16+32 = 63 min, then hourly: attempts at 0, 1, 3, 7, 15, 31, 63 min, 2h03 … 23h03.
    expect(attempts).toBe(7 + 22);
    expect(now).toBe(23 * HOUR + 3 * MIN);
  });
});

describe('payload', () => {
  const at = new Date(2026, 10, 30, 3, 40).getTime();
  const since = new Date(2026, 10, 30, 2, 14).getTime();
  const facts = (over: Partial<AlertFacts> = {}): AlertFacts => ({
    event: 'failing',
    task: {
      id: 'upload',
      name: 'Upload schedule',
      type: 'schedule',
      role: 'reception',
      service: 'booking',
      serviceName: 'Online booking',
    },
    failingSince: since,
    failures: 3,
    unrunnableSince: null,
    runnableOn: [],
    run: {
      id: 1234,
      outcome: 'error',
      errorClass: 'auth',
      message: 'not authorized (401)',
      startedAt: since + 10 * MIN,
    },
    instance: 'olga@ws-3',
    at,
    ...over,
  });

  it('one human line per event, with the run to look at', () => {
    expect(alertText(facts())).toBe(
      'Upload schedule (Online booking) failing since 02:14, 3 runs: not authorized (401) — syncdeck show 1234',
    );
    expect(
      alertText(
        facts({
          event: 'recovered',
          failures: 1,
          run: { id: 1240, outcome: 'success', errorClass: null, message: null, startedAt: at },
        }),
      ),
    ).toBe('Upload schedule (Online booking) recovered after 1 failed run since 02:14 — syncdeck show 1240');
    expect(alertText(facts({ event: 'unrunnable', run: null, unrunnableSince: since }))).toBe(
      'Upload schedule (Online booking) cannot run: no running instance has the role reception (since 02:14)',
    );
    expect(alertText(facts({ event: 'runnable', run: null, unrunnableSince: since, runnableOn: ['olga@ws-3'] }))).toBe(
      'Upload schedule (Online booking) can run again: olga@ws-3 has the role reception',
    );
    expect(
      alertText(
        facts({
          event: 'failing',
          failures: 3,
          interruptions: 3,
          run: { id: 7, outcome: 'interrupted', errorClass: null, message: null, startedAt: at },
        }),
      ),
    ).toBe(
      'Upload schedule (Online booking) failing since 02:14, 3 runs: interrupted 3 times in a row — syncdeck show 7',
    );
    expect(alertText(facts({ event: 'test', task: null, run: null }))).toBe(
      'syncdeck test alert from olga@ws-3: alerts reach this channel',
    );
  });

  it('a time on another day carries its date', () => {
    expect(shortTime(since - DAY, at)).toBe('2026-11-29 02:14');
  });

  it('the JSON: every field, secrets redacted and control characters gone from service text', () => {
    const redactor = createConfigRedactor({ secrets: ['tok-secret-123'], services: [] });
    const payload = alertPayload(
      facts({
        run: {
          id: 1234,
          outcome: 'error',
          errorClass: 'auth',
          message: 'bad token tok-secret-123\u001b]52;c;aGk=\u0007\u001b[2J\nretry',
          startedAt: since,
        },
      }),
      redactor,
    );
    expect(payload).toEqual({
      event: 'failing',
      taskId: 'upload',
      taskName: 'Upload schedule',
      service: 'booking',
      serviceName: 'Online booking',
      type: 'schedule',
      role: 'reception',
      failingSince: new Date(since).toISOString(),
      failures: 3,
      unrunnableSince: null,
      runnableOn: [],
      run: {
        id: 1234,
        outcome: 'error',
        errorClass: 'auth',
        message: 'bad token *** retry',
        startedAt: new Date(since).toISOString(),
      },
      instance: 'olga@ws-3',
      at: new Date(at).toISOString(),
      text: 'Upload schedule (Online booking) failing since 02:14, 3 runs: bad token *** retry — syncdeck show 1234',
    });
    expect(JSON.stringify(payload)).not.toMatch(/tok-secret|[\u0000-\u001f\u007f-\u009f]/);
  });

  it('checks for unrunnable tasks every quarter of unrunnableAfter, between 1 s and 15 s', () => {
    expect([2_000, 20_000, 15 * MIN].map(checkPeriod)).toEqual([1_000, 5_000, 15_000]);
  });
});
