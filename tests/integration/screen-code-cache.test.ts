// The dashboard's screen thread runs from dist/screen.cjs and `status` from dist/status.cjs,
// compiled from V8's code cache (src/cli/screen-script.ts): the cache is written after the
// first frame (after the output, for status), taken by the next start, and a cache V8 will
// not take (another Node's, other flags, a damaged file) is compiled around and replaced,
// never a failed start.
import { execFile } from 'node:child_process';
import {
  cpSync,
  existsSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  truncateSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { moduleHandler, task, writeClinic } from '../helpers/clinic-config.js';
import { interactiveEnv } from '../helpers/interactive-env.js';
import { PtyTerminal } from '../helpers/pty-terminal.js';
import { BIN } from '../helpers/syncdeck-process.js';
import { useTempDir } from '../helpers/temp-dir.js';

const SCREEN_START = join(process.cwd(), 'dist', 'screen-start.cjs');
const OK = join(process.cwd(), 'tests', 'fixtures', 'engine', 'ok.mjs');

/** Loads the screen script with the cache in `dir` in a new process, saves its cache, says whether V8 took it. */
async function loadInChild(dir: string, nodeFlags: string[] = []): Promise<{ fromCache: boolean }> {
  const code = `const { loadScript } = await import(${JSON.stringify(SCREEN_START)});
const loaded = loadScript(${JSON.stringify(dir)});
await loaded.saveCache();
process.stdout.write(JSON.stringify({ fromCache: loaded.fromCache }));`;
  const { stdout } = await promisify(execFile)(process.execPath, [...nodeFlags, '--input-type=module', '-e', code]);
  return JSON.parse(stdout) as { fromCache: boolean };
}

const caches = (dir: string, script = 'screen') =>
  existsSync(dir) ? readdirSync(dir).filter((f) => f.startsWith(`${script}-`)) : [];

describe('screen-script: loadScript', () => {
  const tmp = useTempDir('syncdeck-code-cache-');

  it('writes the cache once, and the next process takes it', async () => {
    const dir = join(tmp(), 'code');
    expect(await loadInChild(dir)).toEqual({ fromCache: false });
    const [file] = caches(dir);
    expect(file).toMatch(new RegExp(`^screen-.*-${process.version}-${process.arch}-\\d+-\\d+\\.v8$`));
    expect((statSync(join(dir, file!)).mode & 0o777).toString(8)).toBe('600');
    const written = statSync(join(dir, file!)).mtimeMs;
    expect(await loadInChild(dir)).toEqual({ fromCache: true });
    // Taken: not written again.
    expect(caches(dir)).toEqual([file]);
    expect(statSync(join(dir, file!)).mtimeMs).toBe(written);
  });

  it('a damaged cache or one made under other V8 flags is compiled around and replaced', async () => {
    const dir = join(tmp(), 'code');
    await loadInChild(dir);
    const file = join(dir, caches(dir)[0]!);
    const size = statSync(file).size;
    truncateSync(file, Math.floor(size / 2));
    expect(await loadInChild(dir)).toEqual({ fromCache: false });
    // Written whole again (a cache's size varies a little from process to process).
    expect(statSync(file).size).toBeGreaterThan(size * 0.9);
    writeFileSync(file, Buffer.alloc(size, 7));
    expect(await loadInChild(dir)).toEqual({ fromCache: false });
    expect(await loadInChild(dir)).toEqual({ fromCache: true });
    // Other flags than those it was made with: V8 refuses it.
    expect(await loadInChild(dir, ['--max-lazy'])).toEqual({ fromCache: false });
  });

  it('keeps at most four caches, dropping the oldest', async () => {
    const dir = join(tmp(), 'code');
    await loadInChild(dir);
    const ours = caches(dir)[0]!;
    const old = Date.now() / 1000 - 3_600;
    for (let i = 0; i < 5; i++) {
      writeFileSync(join(dir, `screen-older-${i}.v8`), 'x');
      utimesSync(join(dir, `screen-older-${i}.v8`), old + i, old + i);
    }
    writeFileSync(join(dir, 'unrelated.txt'), 'kept');
    // Make ours look stale so that it is written again beside the others.
    truncateSync(join(dir, ours), 10);
    await loadInChild(dir);
    expect(caches(dir).sort()).toEqual([ours, 'screen-older-2.v8', 'screen-older-3.v8', 'screen-older-4.v8'].sort());
    expect(readFileSync(join(dir, 'unrelated.txt'), 'utf8')).toBe('kept');
  });
});

describe('screen-script: the dashboard on a terminal', () => {
  const tmp = useTempDir('syncdeck-code-cache-');

  it(
    'writes the cache after its first frame and starts from it the next time, with the same screen',
    { timeout: 60_000 },
    async () => {
      const { config, db } = writeClinic(tmp(), { tasks: [task('beat', moduleHandler(OK), { role: 'admin' })] });
      const cache = join(tmp(), 'cache');
      const env = interactiveEnv({ XDG_CACHE_HOME: cache });
      const dir = join(cache, 'syncdeck', 'code');
      const start = async () => {
        const pty = new PtyTerminal([process.execPath, BIN, '--config', config, '--db', db], { env });
        // The engine's instance in the header: the worker is ready, and the first frame over it drawn.
        const screen = await pty.waitForScreen(
          (t) => /instance \S+:\d+:/.test(t) && t.includes('Task beat'),
          'the frame',
        );
        pty.type('q');
        await pty.exited;
        return screen.replace(/instance \S+/, 'instance …').replace(/\d+s\b/g, '…');
      };
      const first = await start();
      const [file] = caches(dir);
      expect(file).toBeDefined();
      const written = statSync(join(dir, file!)).mtimeMs;
      const second = await start();
      expect(caches(dir)).toEqual([file]);
      expect(statSync(join(dir, file!)).mtimeMs).toBe(written);
      expect(second.split('\n').slice(0, 6)).toEqual(first.split('\n').slice(0, 6));
    },
  );

  it(
    'a screen script that does not load: the dashboard starts from the module bundle',
    { timeout: 60_000 },
    async () => {
      // A copy of the build whose script is damaged (a syntax error), beside the same node_modules.
      const copy = join(tmp(), 'install');
      for (const part of ['bin', 'dist', 'drizzle', 'drizzle-pg', 'package.json'])
        cpSync(join(process.cwd(), part), join(copy, part), { recursive: true });
      symlinkSync(join(process.cwd(), 'node_modules'), join(copy, 'node_modules'));
      writeFileSync(join(copy, 'dist', 'screen.cjs'), 'this is not a script (');
      const { config, db } = writeClinic(tmp(), { tasks: [task('beat', moduleHandler(OK), { role: 'admin' })] });
      const env = interactiveEnv({ XDG_CACHE_HOME: join(tmp(), 'cache') });
      const pty = new PtyTerminal(
        [process.execPath, join(copy, 'bin', 'syncdeck.js'), '--config', config, '--db', db],
        {
          env,
        },
      );
      await pty.waitForScreen((t) => /instance \S+:\d+:/.test(t) && t.includes('Task beat'), 'the frame');
      pty.type('q');
      expect(await pty.exited).toBe(0);
      expect(caches(join(tmp(), 'cache', 'syncdeck', 'code'))).toEqual([]);
    },
  );
});

describe('screen-script: status from its own script', () => {
  const tmp = useTempDir('syncdeck-status-cache-');

  /** `status --json` on a clinic, with its code cache under `cache` ('off': none); its output. */
  async function status(bin: string, cache: string): Promise<string> {
    const { config, db } = writeClinic(tmp(), { tasks: [task('beat', moduleHandler(OK), { role: 'admin' })] });
    const env = {
      ...process.env,
      XDG_CACHE_HOME: cache === 'off' ? join(tmp(), 'no-cache') : cache,
      SYNCDECK_CODE_CACHE: cache === 'off' ? 'off' : '',
    };
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [bin, '--config', config, '--db', db, 'status', '--json'],
      {
        env,
      },
    );
    return stdout;
  }

  it('writes its cache after its output, the next run takes it, and says what the module bundle says', async () => {
    const cache = join(tmp(), 'cache');
    const dir = join(cache, 'syncdeck', 'code');
    const first = await status(BIN, cache);
    expect(caches(dir)).toEqual([]);
    const [file] = caches(dir, 'status');
    expect(file).toMatch(new RegExp(`^status-.*-${process.version}-${process.arch}-\\d+-\\d+\\.v8$`));
    const written = statSync(join(dir, file!)).mtimeMs;
    expect(await status(BIN, cache)).toBe(first);
    expect(caches(dir, 'status')).toEqual([file]);
    expect(statSync(join(dir, file!)).mtimeMs).toBe(written);
    expect(await status(BIN, 'off')).toBe(first);
    expect((JSON.parse(first) as { id: string }[]).map((t) => t.id)).toEqual(['beat']);
  });

  it('a status script that does not load: status from the module bundle', async () => {
    const copy = join(tmp(), 'install');
    for (const part of ['bin', 'dist', 'drizzle', 'drizzle-pg', 'package.json'])
      cpSync(join(process.cwd(), part), join(copy, part), { recursive: true });
    symlinkSync(join(process.cwd(), 'node_modules'), join(copy, 'node_modules'));
    writeFileSync(join(copy, 'dist', 'status.cjs'), 'this is not a script (');
    const cache = join(tmp(), 'cache');
    const out = await status(join(copy, 'bin', 'syncdeck.js'), cache);
    expect(out).toBe(await status(BIN, 'off'));
    expect(caches(join(cache, 'syncdeck', 'code'), 'status')).toEqual([]);
  });
});
