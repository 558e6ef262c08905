// A PostgreSQL server that stops answering while a dashboard runs a task: quitting still
// ends the process (the screen closes at once, the engine gets its stop grace and a few
// seconds for the database, then the worker is stopped) and says why its runs are left to
// their leases. src/cli/engine-worker.ts (close), src/cli/commands/ui.ts (CLOSED_LATE).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLOSED_LATE } from '../../src/cli/commands/ui.js';
import { moduleHandler, task, writeClinic } from '../helpers/clinic-config.js';
import { useFreezableProxy } from '../helpers/freezable-proxy.js';
import { PtyTerminal } from '../helpers/pty-terminal.js';
import { PG_URL, useStoreLocation } from '../helpers/stores.js';
import { BIN } from '../helpers/syncdeck-process.js';
import { useTempDir } from '../helpers/temp-dir.js';

const LONG = join(process.cwd(), 'tests', 'fixtures', 'engine', 'long.mjs');

describe.runIf(PG_URL)('a dashboard whose PostgreSQL server stops answering', () => {
  const dir = useTempDir('syncdeck-hung-db-');
  const database = useStoreLocation('postgres', 'syncdeck-hung-db-');
  const proxyTo = useFreezableProxy();

  it('quits anyway when asked, and says why its runs are left to their leases', { timeout: 60_000 }, async () => {
    const { proxy, url } = await proxyTo(database().location);
    const { config } = writeClinic(dir(), { tasks: [task('long', moduleHandler(LONG))] });
    const pty = new PtyTerminal([process.execPath, BIN, '--config', config, '--db', url]);
    await pty.waitForScreen((s) => s.includes('started a long run') && s.includes('q quit'), 'a run under way');

    proxy.freeze();
    pty.type('q');
    await pty.waitForScreen((s) => s.includes('in progress here will be interrupted'), 'the question before quitting');
    pty.type('y');
    // Without a limit on the engine's shutdown the worker waits on the store's own timeouts
    // (about 20 s here), and the dashboard ends without a word about its runs.
    expect(await pty.exited).toBe(0);
    // The line wraps at the terminal's width: compare without the breaks.
    const unwrapped = (text: string) => text.replace(/\s+/g, '');
    expect(unwrapped(pty.screen.text())).toContain(unwrapped(`syncdeck: ${CLOSED_LATE}`));
  });
});
