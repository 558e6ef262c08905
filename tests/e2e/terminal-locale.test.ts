// The real bundle under LC_ALL=C: every character syncdeck itself writes is ASCII (the
// HTTP classifier's auth message included), typography in stored text is replaced, letters
// of other scripts stay; JSON stays exact; counted words follow the plural rules.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { moduleHandler, task, writeClinic } from '../helpers/clinic-config.js';
import { serve } from '../helpers/local-server.js';
import { runSyncdeck } from '../helpers/syncdeck-process.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { runJson } from '../helpers/cli-json.js';

const dir = useTempDir('syncdeck-locale-');

const ASCII_ONLY = /^[\x00-\x7f]*$/;
const TYPOGRAPHY = /[—–…«»“”→←·]/;

async function clinic() {
  const service = await serve((_req, res) => {
    res.writeHead(401, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: 'token expired — renew it' }));
  });
  const module = join(dir(), 'refuses.mjs');
  writeFileSync(
    module,
    "export default async () => { const e = new Error('«Лиды» — отказ…'); e.errorClass = 'recognized'; throw e; };\n",
  );
  const paths = writeClinic(dir(), {
    services: [`{ id: partner, name: Partner, baseUrl: "${service.url}" }`],
    tasks: [
      task('auth', '{ kind: http, path: /calls }', { service: 'partner', every: 'interval: 1h' }),
      task('mod', moduleHandler(module), { service: 'partner', every: 'interval: 1h' }),
    ],
  });
  const sd = (env: Record<string, string>, ...args: string[]) =>
    runSyncdeck([...args, '--config', paths.config, '--db', paths.db], env);
  return { sd };
}

const C = { LC_ALL: 'C', LANG: 'C' };
const UTF8 = { LC_ALL: 'C.UTF-8', LANG: 'C.UTF-8' };

test(
  'LC_ALL=C: run, show, status, history and --help write ASCII; stored letters of other scripts stay',
  { timeout: 60_000 },
  async () => {
    const { sd } = await clinic();
    const auth = await sd(C, 'run', 'auth');
    expect(auth.code).toBe(1);
    expect(auth.stdout).toMatch(ASCII_ONLY);
    const authId = /^run (\d+):/m.exec(auth.stdout)![1]!;
    const mod = await sd(C, 'run', 'mod');
    const modId = /^run (\d+):/m.exec(mod.stdout)![1]!;

    const shownAuth = await sd(C, 'show', authId);
    expect(shownAuth.stdout).toMatch(ASCII_ONLY);
    expect(shownAuth.stdout).toContain(
      "not authorized (401 Unauthorized): token expired - renew it; check the service's credentials",
    );

    const shownMod = await sd(C, 'show', modId);
    expect(shownMod.stdout).not.toMatch(TYPOGRAPHY);
    expect(shownMod.stdout).toContain('"Лиды" - отказ...');

    for (const args of [['status'], ['history'], ['--help']]) {
      const out = await sd(C, ...args);
      expect(out.stdout + out.stderr, args.join(' ')).not.toMatch(TYPOGRAPHY);
    }
    const status = await sd(C, 'status');
    expect(status.stdout).toMatch(/since \S+ \S+, 1 run(\s|$)/m);

    // JSON: ASCII bytes, the very same text once parsed.
    const json = await sd(C, 'show', authId, '--json');
    expect(json.stdout).toMatch(ASCII_ONLY);
    expect(runJson(json.stdout).message).toBe(
      "not authorized (401 Unauthorized): token expired — renew it; check the service's credentials",
    );

    // Under UTF-8 the service's own text is shown as it came; syncdeck's part is ASCII anyway.
    const utf8 = await sd(UTF8, 'show', authId);
    expect(utf8.stdout).toContain("token expired — renew it; check the service's credentials");
  },
);

test(
  'a pipe under LC_ALL=C: the dashboard command falls back to the status table, in ASCII',
  { timeout: 60_000 },
  async () => {
    const { sd } = await clinic();
    await sd(C, 'run', 'mod');
    const fallback = await sd(C);
    expect(fallback.code).toBe(0);
    expect(fallback.stdout).toMatch(/^STATUS\s+TASK/);
    expect(fallback.stdout + fallback.stderr).toMatch(ASCII_ONLY);
    expect(fallback.stderr).toContain('not a terminal, so the dashboard cannot open');
  },
);
