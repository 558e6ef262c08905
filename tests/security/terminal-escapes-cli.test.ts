// Terminal-escape injection through the CLI: a service and a handler answer with OSC 52,
// title changes, screen clears, cursor moves and C1 controls. The plain outputs of run,
// show, history and status carry none of it; --json keeps the text, escaped.
import { describe, expect, it } from 'vitest';
import { escapeRuns } from '../helpers/escape-runs.js';
import { TERMINAL_CONTROLS } from '../helpers/escape-service.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { runDetailsJsonOf } from '../helpers/cli-json.js';

const dir = useTempDir('syncdeck-escapes-');

function expectInert(text: string, what: string): void {
  const at = text.search(TERMINAL_CONTROLS);
  expect(
    at,
    `${what}: a control character at ${at}: ${JSON.stringify(text.slice(Math.max(0, at - 20), at + 20))}`,
  ).toBe(-1);
}

describe('terminal escapes from a service or a handler, on the command line', () => {
  // Some fifteen syncdeck processes in a row: 42 s of its 60 on a loaded machine (slow, not stuck).
  it('never reach the terminal in plain output, and stay (escaped) in --json', { timeout: 120_000 }, async () => {
    const { sd, runs } = await escapeRuns(dir());
    expect(runs.err.code).toBe(1);
    expect(runs.raw.code).toBe(0);
    expect(runs.mod.code).toBe(0);
    for (const [id, r] of Object.entries(runs)) expectInert(r.stdout + r.stderr, `run ${id}`);
    expect(runs.err.stdout).toMatch(/web server error 500 .*clipboard-word/);
    expect(runs.mod.stderr).toContain('log: clipboard-word title0-word c1csi-word c1osc-word cursor-word');

    const plain = {
      'show err': await sd('show', String(runs.err.id)),
      'show raw': await sd('show', String(runs.raw.id)),
      'show mod': await sd('show', String(runs.mod.id)),
      history: await sd('history'),
      'history --errors': await sd('history', '--errors'),
      status: await sd('status'),
    };
    for (const [what, r] of Object.entries(plain)) {
      expect(r.code, what).toBe(0);
      expectInert(r.stdout + r.stderr, what);
    }
    // The text around the escapes is still shown: the sequences went, the words stayed.
    expect(plain['show err'].stdout).toContain('x-evil: c1-header-word');
    expect(plain['show raw'].stdout).toMatch(
      /clipboard-word title0-word title2-word clear-word\s*cursor-word c1csi-word/,
    );
    expect(plain['show mod'].stdout).toContain('warning: clipboard-word title0-word c1csi-word c1osc-word cursor-word');

    const json = {
      err: await sd('show', String(runs.err.id), '--json'),
      raw: await sd('show', String(runs.raw.id), '--json'),
      mod: await sd('show', String(runs.mod.id), '--json'),
      history: await sd('history', '--json'),
      status: await sd('status', '--json'),
      run: await sd('run', 'mod', '--json'),
    };
    for (const [what, r] of Object.entries(json)) expectInert(r.stdout + r.stderr, `${what} --json`);
    const err = runDetailsJsonOf(json.err.stdout);
    expect(err.exchanges[0]?.response?.headers['x-evil']).toBe('c1-header-word \u009b2J\u009d0;pwned-title');
    const raw = runDetailsJsonOf(json.raw.stdout);
    expect(raw.exchanges[0]?.response?.body).toContain(
      '\u001b]52;c;ZXZpbA==\u0007clipboard-word \u001b]0;pwned-title\u0007title0-word',
    );
    expect(raw.exchanges[0]?.response?.body).toContain('\u009b2Jc1csi-word');
    const mod = runDetailsJsonOf(json.mod.stdout);
    expect(mod.log.map((l) => l.message)).toContainEqual(
      expect.stringContaining('log: \u001b]52;c;ZXZpbA==\u0007clipboard-word'),
    );
  });
});
