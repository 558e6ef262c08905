// The command line's text on any terminal: counted words by the plural rules, ASCII under a
// locale that is not UTF-8 (tables still aligned, JSON escaped but the same data), and the
// dashboard's decision about TERM, colour and language.
import { Writable } from 'node:stream';
import { expect, test } from 'vitest';
import type { ParsedArgs } from '../../../src/cli/args.js';
import { configSummary } from '../../../src/cli/commands/check-config.js';
import { purgeText } from '../../../src/cli/commands/purge.js';
import { formatRunDetails } from '../../../src/cli/commands/show.js';
import { failingText } from '../../../src/cli/commands/status-table.js';
import { dashboardLooks, dashboardRefusal } from '../../../src/cli/commands/ui.js';
import { asciiOnlyOutput } from '../../../src/cli/output/ascii-output.js';
import { jsonText } from '../../../src/cli/output/json.js';
import { renderTable } from '../../../src/cli/output/table.js';
import { asciiLocale } from '../../../src/engine/text/ascii.js';
import { AT_1402, makeRun, makeTask } from '../../helpers/fake-engine.js';

const SAMPLES = [0, 1, 2, 5, 11, 21, 22, 25];
/** English: the singular for 1 only. */
const word = (n: number, one: string, other: string) => `${n} ${n === 1 ? one : other}`;

test('every counted message of the command line takes the plural form of its count', () => {
  for (const n of SAMPLES) {
    expect(failingText(makeTask({ failingSince: AT_1402, failures: n }))).toMatch(
      new RegExp(`, ${word(n, 'run', 'runs')}$`),
    );
    expect(purgeText({ detailsPurged: n, summariesDeleted: n }, n)).toBe(
      `details removed from ${word(n, 'run', 'runs')}; ${word(n, 'run summary', 'run summaries')} older than ${word(n, 'day', 'days')} deleted`,
    );
    const items = Array.from({ length: n }, () => ({}));
    expect(configSummary('clinic.yaml', { services: items, tasks: items, users: items })).toBe(
      `clinic.yaml: ok (${word(n, 'service', 'services')}, ${word(n, 'task', 'tasks')}, ${word(n, 'user', 'users')})`,
    );
    const exchange = {
      at: AT_1402,
      request: { method: 'GET', url: 'http://x/', headers: {}, body: null },
      response: null,
      error: null,
      durationMs: 1,
    };
    const shown = formatRunDetails(
      makeRun({ hasDiagnostics: true, exchanges: Array.from({ length: n }, () => exchange) }),
    );
    expect(shown).toContain(`Diagnostics (${word(n, 'exchange', 'exchanges')}):`);
  }
  expect(failingText(makeTask({ failingSince: null }))).toBe('');
});

function memoryStream(): Writable & { text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return Object.assign(stream, { text: () => chunks.join('') });
}

test('under a locale that is not UTF-8 every string written is stripped of typography; letters of other scripts stay', () => {
  const out = memoryStream();
  asciiOnlyOutput(out);
  out.write('syncdeck — runs tasks… «Лиды» → ok\n');
  out.write(Buffer.from('bytes stay as they are\n'));
  expect(out.text()).toBe('syncdeck - runs tasks... "Лиды" -> ok\nbytes stay as they are\n');
  expect(asciiLocale({ LC_ALL: 'C' })).toBe(true);
  expect(asciiLocale({ LANG: 'ru_RU.UTF-8' })).toBe(false);
});

test('tables: cells made ASCII before the columns are measured, so they stay aligned; the ellipsis is ASCII too', () => {
  const rows = [
    { name: 'Leads — partner…', state: 'ok' },
    { name: 'Calls', state: 'error' },
  ];
  const columns = [
    { header: 'NAME', value: (r: (typeof rows)[number]) => r.name },
    { header: 'STATE', value: (r: (typeof rows)[number]) => r.state },
  ];
  const ascii = renderTable(rows, columns, true).split('\n');
  expect(ascii[1]).toBe('Leads - partner...  ok');
  expect(ascii[2]!.indexOf('error')).toBe(ascii[1]!.indexOf('ok'));
  expect(renderTable(rows, columns, false).split('\n')[1]).toBe('Leads — partner…  ok');
  const cut = renderTable(
    [{ name: 'A very long task name indeed', state: 'ok' }],
    [{ header: 'NAME', value: (r) => r.name, max: 12 }],
    true,
  );
  expect(cut.split('\n')[1]).toBe('A very lo...');
});

test('JSON under a locale that is not UTF-8: pure ASCII, and it parses to the very same text', () => {
  const value = { message: 'token expired — renew «Лиды»…', control: '\u009b2J' };
  const ascii = jsonText(value, 2, true);
  expect(ascii).toMatch(/^[\x20-\x7e\n]*$/);
  expect(JSON.parse(ascii)).toEqual(value);
  const utf8 = jsonText(value, 2, false);
  expect(utf8).toContain('token expired — renew «Лиды»…');
  expect(utf8).toContain('\\u009b2J');
});

const args = (options: Partial<ParsedArgs['options']> = {}): ParsedArgs => ({
  command: 'ui',
  positionals: [],
  options: { noColor: false, help: false, json: false, errors: false, ...options },
});

test('the dashboard: colour by NO_COLOR, --no-color and the terminal; Russian only under UTF-8, said on stderr otherwise', () => {
  const utf8 = { LANG: 'ru_RU.UTF-8' };
  expect(dashboardLooks(args(), utf8, { colors: 256 })).toEqual({
    lang: 'ru',
    color: true,
    ascii: false,
    notice: null,
  });
  expect(dashboardLooks(args(), utf8, { colors: 0 }).color).toBe(false);
  expect(dashboardLooks(args({ noColor: true }), utf8, { colors: 256 }).color).toBe(false);
  expect(dashboardLooks(args(), { ...utf8, NO_COLOR: '1' }, { colors: 256 }).color).toBe(false);
  const c = dashboardLooks(args({ lang: 'ru' }), { LANG: 'C' }, { colors: 8 });
  expect(c).toMatchObject({ lang: 'ru', ascii: true });
  expect(c.notice).toMatch(/^Russian needs a UTF-8 locale.*in English$/);
  expect(dashboardLooks(args(), { LANG: 'C' }, { colors: 8 })).toEqual({
    lang: 'en',
    color: true,
    ascii: true,
    notice: null,
  });
});

test('the dashboard refuses with what to do: not a terminal, or a terminal that cannot draw it', () => {
  expect(dashboardRefusal(null)).toMatch(/^not a terminal.*ssh -t host syncdeck/);
  expect(dashboardRefusal({ screen: false, problem: 'TERM=dumb cannot show a full-screen dashboard' })).toBe(
    "TERM=dumb cannot show a full-screen dashboard; this is `syncdeck status`. Set TERM to your terminal's type (for example TERM=xterm-256color) for the dashboard.",
  );
});
