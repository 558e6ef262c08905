// Bad config files through the real CLI: exit 2, every stderr line `syncdeck: FILE:LINE: …`,
// no terminal control bytes, and the database is neither created nor touched.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listDir, sha256File } from '../../helpers/files.js';
import { runSyncdeck } from '../../helpers/syncdeck-process.js';
import { useTempDir } from '../../helpers/temp-dir.js';

const dir = useTempDir('syncdeck-badconfig-');

const SERVICE = 'services:\n  - { id: telephony, name: Telephony, baseUrl: "http://127.0.0.1:9" }\n';
const taskWith = (fields: string) =>
  `${SERVICE}tasks:\n  - { id: calls, name: Calls, type: calls, service: telephony, role: r, ${fields} }\n`;
const HTTP = 'handler: { kind: http, path: /calls }';

const BAD: Record<string, string> = {
  'invalid cron': taskWith(`schedule: "61 * * * *", ${HTTP}`),
  'cron with a line break and escapes': taskWith(`schedule: "0 3 * * *\\n\\u001b]0;pwned\\u0007", ${HTTP}`),
  'duration out of range': taskWith(`interval: 1m, timeout: 2d, ${HTTP}`),
  'duration that is none': taskWith(`interval: "5 minutes", ${HTTP}`),
  'duplicate ids': `${taskWith(`interval: 1m, ${HTTP}`)}  - { id: calls, name: Again, type: calls, service: telephony, role: r, interval: 1m, ${HTTP} }\n`,
  'a task naming a missing service': taskWith(`interval: 1m, ${HTTP}`).replace(
    'service: telephony, role',
    'service: telefony, role',
  ),
  'unknown handler kind': taskWith('interval: 1m, handler: { kind: ftp, path: /calls }'),
  'module that does not exist': taskWith('interval: 1m, handler: { kind: module, module: ./nope.mjs }'),
  'missing environment variable': SERVICE.replace(
    'baseUrl: "http://127.0.0.1:9"',
    'baseUrl: "http://127.0.0.1:9", auth: { type: bearer, token: "${SYNCDECK_FUZZ_UNSET}" }',
  ),
  'an alias that contains itself': `loop: &loop [1, *loop]\n${SERVICE}`,
  'deep nesting': `services: ${'['.repeat(5000)}${']'.repeat(5000)}\n`,
  'binary garbage': '\u0000\u0001\u00ff\ufffe{[:&*!|>%@`\n\t- - -\n',
};

/** Runs `args` against a bad config and an unused database path: exit 2, and the problems as promised. */
async function expectRefused(args: string[], config: string): Promise<string> {
  const r = await runSyncdeck(args, { SYNCDECK_FUZZ_UNSET: '' });
  expect(r.code, `${args.join(' ')}\n${r.stderr}`).toBe(2);
  expect(r.stdout).toBe('');
  const lines = r.stderr.trimEnd().split('\n');
  for (const line of lines)
    expect(line.startsWith(`syncdeck: ${config}:`) && /^syncdeck: .+:\d+: ./.test(line) ? line : `BAD: ${line}`).toBe(
      line,
    );
  expect(r.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
  return r.stderr;
}

/** What each refusal must say (checked where the message is predictable). */
const SAYS: Record<string, RegExp> = {
  'invalid cron': /:4: tasks\[0\]\.schedule: "61 \* \* \* \*" is not a cron expression/,
  'cron with a line break and escapes':
    /:4: tasks\[0\]\.schedule: "0 3 \* \* \*\\n\\u001b\]0;pwned\\u0007" is not a cron expression/,
  'duration out of range': /:4: tasks\[0\]\.timeout: timeout "2d" is out of range \(1s to 1d\)/,
  'duration that is none': /:4: tasks\[0\]\.interval: "5 minutes" is not a duration/,
  'duplicate ids': /:5: tasks\[1\]\.id: duplicate task id "calls"/,
  'a task naming a missing service': /:4: tasks\[0\]\.service: no service "telefony" \(services: telephony\)/,
  'unknown handler kind': /:4: tasks\[0\]\.handler\.kind: unknown kind "ftp" \(use one of: http, command, module\)/,
  'module that does not exist': /:4: tasks\[0\]\.handler\.module: module file .*nope\.mjs does not exist/,
  'missing environment variable': /:2: services\[0\]\.auth\.token: environment variable SYNCDECK_FUZZ_UNSET is not set/,
  'an alias that contains itself': /:1: loop\[1\]: contains itself/,
  'deep nesting': /:1: YAML syntax error: nested too deeply/,
};

describe('a bad config through the CLI', () => {
  it(
    'check-config and status exit 2, name the file, line and problem, and create no database',
    { timeout: 60_000 },
    async () => {
      await Promise.all(
        Object.entries(BAD).map(async ([name, text], i) => {
          const config = join(dir(), `bad-${i}.yaml`);
          writeFileSync(config, text);
          const fresh = join(dir(), `never-${i}.db`);
          const stderr = await expectRefused(['check-config', config], config);
          if (SAYS[name]) expect(stderr, name).toMatch(SAYS[name]);
          expect(await expectRefused(['status', '--config', config, '--db', fresh], config)).toBe(stderr);
          expect(existsSync(fresh), name).toBe(false);
        }),
      );
    },
  );

  it('every command that loads it refuses before touching an existing database', { timeout: 60_000 }, async () => {
    const db = join(dir(), 'existing.db');
    const good = join(dir(), 'good.yaml');
    writeFileSync(good, taskWith(`interval: 1h, ${HTTP}`));
    expect((await runSyncdeck(['status', '--config', good, '--db', db])).code).toBe(0);
    const before = { hash: sha256File(db), files: listDir(dir()) };
    const config = join(dir(), 'bad.yaml');
    writeFileSync(config, BAD['invalid cron']!);
    const commands = [
      ['run', 'calls'],
      ['engine'],
      ['history'],
      ['show', '1'],
      ['stop', 'calls'],
      ['pause', 'calls'],
      ['purge'],
    ];
    await Promise.all(commands.map((args) => expectRefused([...args, '--config', config, '--db', db], config)));
    expect(sha256File(db)).toBe(before.hash);
    expect(listDir(dir())).toEqual([...before.files, 'bad.yaml'].sort());
  });
});
