// Terminal-escape injection in the real dashboard, in a real terminal (tmux): the task
// list, the run details, the diagnostics and the history show the words around the
// escapes, and not one of the sequences reaches the terminal: no OSC at all, no BEL, no
// C1, no foreign clear or cursor move; the pane's title and the clipboard stay as they were.
import { describe, expect, it } from 'vitest';
import { escapeRuns } from '../helpers/escape-runs.js';
import { BIN } from '../helpers/syncdeck-process.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { TmuxPane } from '../helpers/tmux.js';

const dir = useTempDir('syncdeck-escapes-ui-');

describe('terminal escapes from a service or a handler, in the dashboard', () => {
  it('never reach the terminal on any screen', { timeout: 60_000 }, async () => {
    const { config, db } = await escapeRuns(dir());
    const pane = new TmuxPane([process.execPath, BIN, '--config', config, '--db', db]);
    const show = async (keys: string[], expected: RegExp) => {
      if (keys.length) pane.sendKeys(...keys);
      await pane.waitForScreen(expected);
    };
    // err is selected first: its message and progress log in the details pane (beside the
    // list at 120 columns, so the message line is cut and the log, wrapped, says the rest).
    await show([], /Message: web server error 500 [\s\S]*clipboard-word/);
    await show(['d'], /x-evil: c1-header-word/); // its diagnostics: headers and body
    // Escape on its own: followed at once by a key, a terminal reads it as Alt+key.
    await show(['Escape'], /Integration status/);
    await show(['j'], /log: clipboard-word[\s│]+title0-word[\s│]+c1csi-word[\s│]+c1osc-word[\s│]+cursor-word/); // mod's log, maybe wrapped beside the list
    await show(['j'], /Details of the last run · Task raw/);
    await show(['d'], /clipboard-word title0-word title2-word clear-word/); // raw's text body
    await show(['Escape'], /Integration status/);
    await show(['H'], /History/);
    await show(['Escape'], /Integration status/);
    await pane.quit();

    const raw = pane.raw().toString('utf8');
    expect(raw.length).toBeGreaterThan(1000);
    expect(raw).not.toContain('\u001b]'); // OSC: clipboard, title, anything else
    expect(raw).not.toContain('\u0007');
    expect(raw).not.toMatch(/[\u0080-\u009f]/);
    // The dashboard moves its own cursor anywhere (ESC[7;77H may well be one of its moves):
    // the injected moves are the ones next to the words they came with.
    for (const injected of ['\u001b[2J', '\u001b[7;77Hcursor-word', 'cursor-word\u001b[10A'])
      expect(raw).not.toContain(injected);
    expect(pane.title()).toBe(pane.initialTitle);
    expect(pane.buffers()).toBe('');
  });

  it('the checks above can fail: a program that does write OSC 52 and a title is caught', async () => {
    const pane = new TmuxPane(['printf', '\u001b]52;c;ZXZpbA==\u0007\u001b]2;pwned-title\u001b\\done\n']);
    await pane.waitForScreen(/done/);
    expect(pane.raw().toString()).toContain('\u001b]52;c;');
    expect(pane.title()).toBe('pwned-title');
    expect(pane.buffers()).toContain('evil');
  });
});
