import { expect, test } from 'vitest';
import { diagnosticsLines, prettyBody } from '../../../src/ui/components/diagnostics-lines.js';
import { runLogLines } from '../../../src/ui/components/run-log-lines.js';
import { detailsChromeLines, summaryRoom, summaryRows } from '../../../src/ui/components/run-summary-rows.js';
import { catalogue } from '../../../src/ui/i18n/index.js';
import { createTheme } from '../../../src/ui/theme.js';
import { AT_1402, failingTask, makeRun, makeTask, NOW, summaryOf } from '../../helpers/fake-engine.js';

const t = catalogue('en', false);
const { glyphs } = createTheme({ color: true, ascii: false });

test('log lines: time, level marker, wrapped message with an indent, controls removed', () => {
  const lines = runLogLines(
    [
      { at: AT_1402, level: 'info', message: 'fetched page 1' },
      { at: AT_1402, level: 'error', message: 'bad \u001b]0;title\u0007answer from the remote service' },
    ],
    40,
    t.time,
    glyphs,
    NOW,
  );
  expect(lines[0]).toEqual({ text: '14:02:00   fetched page 1' });
  expect(lines[1]).toEqual({ text: '14:02:00 ✗ bad answer from the remote', tone: 'error' });
  expect(lines[2]?.text).toBe('           service');
});

test('diagnostics: request and response with headers and pretty JSON bodies; hostile bytes removed', () => {
  const run = makeRun({
    exchanges: [
      {
        at: AT_1402,
        request: {
          method: 'POST',
          url: 'http://x/send\u001b[2J',
          headers: { 'X-Api-Key': '[redacted]' },
          body: '{"batch":50}',
        },
        response: null,
        error: 'connect ECONNREFUSED\u001b]52;c;Zm9v\u0007',
        durationMs: 30,
      },
    ],
  });
  const text = diagnosticsLines(run, 60, t, glyphs, NOW).map((l) => l.text);
  expect(text).toEqual([
    '── Exchange 1 of 1 · 14:02:00 · 30ms ──',
    '→ POST http://x/send',
    '  X-Api-Key: [redacted]',
    '  request body:',
    '    {',
    '      "batch": 50',
    '    }',
    '← no response',
    '✗ error: connect ECONNREFUSED',
  ]);
  expect(diagnosticsLines(makeRun(), 60, t, glyphs, NOW)).toEqual([
    { text: 'This run recorded no exchanges.', tone: 'muted' },
  ]);
  expect(prettyBody('{"cut": "trunc')).toBe('{"cut": "trunc');
});

test('summary rows follow the run: message, failing, diagnostics hint or removed details', () => {
  expect(summaryRows(makeTask(), null)).toEqual([]);
  expect(summaryRows(failingTask(), failingTask().lastRun)).toEqual([
    'outcome',
    'started',
    'instance',
    'message',
    'failing',
  ]);
  const withDiagnostics = summaryOf(makeRun({ hasDiagnostics: true }));
  expect(summaryRows(makeTask(), withDiagnostics)).toEqual(['outcome', 'started', 'instance', 'diagnostics']);
  const purged = summaryOf(makeRun({ hasDiagnostics: true, detailsPurged: true }));
  expect(summaryRows(makeTask(), purged)).toEqual(['outcome', 'started', 'instance', 'purged']);
});

test('the rows most tasks have come first: a failing task differs from a healthy one at the end', () => {
  const idle = { idle: 'no-instance' as const };
  expect(summaryRows(failingTask(idle), failingTask().lastRun)).toEqual([
    'outcome',
    'started',
    'instance',
    'message',
    'idle',
    'failing',
  ]);
  expect(summaryRows(makeTask(idle), summaryOf(makeRun()))).toEqual(['outcome', 'started', 'instance', 'idle']);
});

test('the summary gets the room of the longest in the list, so the log starts on one row for every task', () => {
  const healthy = makeTask({ id: 'a', lastRun: summaryOf(makeRun()) });
  const failing = failingTask({ id: 'b' });
  const never = makeTask({ id: 'c', failures: 3, failingSince: AT_1402, lastRun: null });
  // The failing task's summary has the message and the failing line: five rows.
  expect(summaryRoom([healthy, failing, never], 30)).toBe(5);
  expect(detailsChromeLines(healthy, healthy.lastRun!, 5)).toBe(detailsChromeLines(failing, failing.lastRun!, 5));
  expect(summaryRoom([healthy], 30)).toBe(3);
  // A short pane (under the list on 80×24) keeps its log lines rather than make room.
  expect(summaryRoom([healthy, failing], 11)).toBe(0);
  expect(summaryRoom([healthy, failing], 12)).toBe(5);
});
