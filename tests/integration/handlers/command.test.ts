// commandHandler with real child processes (tests/fixtures/commands).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { CommandHandlerConfig } from '../../../src/config/handlers.js';
import { failure, harness } from '../../helpers/handler-context.js';

const fixture = (name: string) => fileURLToPath(new URL(`../../fixtures/commands/${name}`, import.meta.url));
const node = (
  script: string,
  args: string[] = [],
  extra: Partial<CommandHandlerConfig> = {},
): CommandHandlerConfig => ({
  kind: 'command',
  command: process.execPath,
  args: [fixture(script), ...args],
  ...extra,
});

/** Alive and not a zombie (a zombie may wait a while for a reaper in a container). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

async function gone(pid: number): Promise<boolean> {
  // The kill is sent before the handler settles; the kernel finishes it a moment later.
  for (let i = 0; i < 200 && alive(pid); i++) await new Promise((r) => setImmediate(r));
  for (let i = 0; i < 100 && alive(pid); i++) await new Promise((r) => setTimeout(r, 20));
  return !alive(pid);
}

const pidIn = (line: string) => Number(/(\d+)$/.exec(line)![1]);

describe('command handler: commandHandler protocol', () => {
  it('reads progress, log, warning and result lines, passes args, env and cwd, and strips escapes', async () => {
    const cwd = fileURLToPath(new URL('../../fixtures', import.meta.url));
    const h = harness({ handler: node('protocol.mjs', ['--since', 'yesterday'], { env: { DEMO_VAR: 'hello' }, cwd }) });
    await expect(h.run()).resolves.toEqual({ message: '3 files exported' });
    expect(h.progress).toEqual([
      { done: 1, total: 3 },
      { done: 2, total: 3 },
      { done: 3, total: 3 },
    ]);
    expect(h.warnings).toEqual(['2 rows skipped: no phone number']);
    expect(h.logs).toEqual([
      'args ["--since","yesterday"]',
      'env DEMO_VAR=hello task=task',
      `cwd ${cwd}`,
      'a plain line with colour',
      '{"not":"protocol"}',
    ]);
  });

  it('fails as unknown on a non-zero exit, with the last stderr line, and keeps stderr in the log', async () => {
    const h = harness({ handler: node('fail.mjs', ['3']) });
    const err = await failure(h.run());
    expect(err.errorClass).toBe('unknown');
    expect(err.message).toBe('node exited with code 3: something broke: disk quota exceeded');
    expect(h.logs).toEqual(['working', 'stderr: warming up', 'stderr: something broke: disk quota exceeded']);
  });

  it('takes the class and message of an error line, even when the exit code is 0', async () => {
    const zero = await failure(harness({ handler: node('fail.mjs', ['0', 'auth']) }).run());
    expect(zero).toMatchObject({ errorClass: 'auth', message: 'the program says: auth problem' });
    const nonZero = await failure(harness({ handler: node('fail.mjs', ['2', 'recognized']) }).run());
    expect(nonZero).toMatchObject({ errorClass: 'recognized', message: 'the program says: recognized problem' });
  });

  it('keeps only the tail of a large stderr and cuts an endless stdout line', async () => {
    const h = harness({ handler: node('noisy.mjs') });
    await h.run();
    expect(h.logs[0]).toMatch(/^y{16384}\.\.\.\[line cut at 16384 characters\]$/);
    expect(h.logs).toContain('stderr (the last 8 KiB of 99 KiB):');
    expect(h.logs.at(-1)).toBe('stderr: the last stderr line');
    expect(h.logs.filter((l) => l.startsWith('stderr: ')).length).toBeLessThanOrEqual(10);
  });

  it('fails as unknown when the program does not exist', async () => {
    const err = await failure(harness({ handler: { kind: 'command', command: '/nonexistent/export.sh' } }).run());
    expect(err).toMatchObject({
      errorClass: 'unknown',
      message: 'cannot start /nonexistent/export.sh: no such program',
    });
  });
});

describe('command handler: commandHandler stop', () => {
  it('sends SIGTERM on stop and rejects with the stop reason once the program exits', async () => {
    const h = harness({ handler: node('graceful.mjs'), stopGraceMs: 30_000 });
    const running = h.run();
    const pid = pidIn(await h.waitForLog(/^ready \d+$/));
    const reason = new Error('stopped by anna');
    h.controller.abort(reason);
    await expect(running).rejects.toBe(reason);
    expect(h.logs).toContain('SIGTERM received, cleaning up');
    expect(h.logs.some((l) => l.includes('SIGKILL'))).toBe(false);
    expect(await gone(pid)).toBe(true);
  });

  it('kills a program that ignores SIGTERM, and its grandchildren, after the grace period', async () => {
    const h = harness({ handler: node('ignore-sigterm.mjs', ['grandchild']), stopGraceMs: 300 });
    const running = h.run();
    const pid = pidIn(await h.waitForLog(/^ready \d+$/));
    const grandchild = pidIn(await h.waitForLog(/^grandchild \d+$/));
    h.controller.abort(new Error('timed out'));
    await expect(running).rejects.toThrow('timed out');
    expect(h.logs).toContain('stopping node: sent SIGTERM');
    expect(h.logs).toContain('got SIGTERM, ignoring it');
    expect(h.logs).toContain('node did not stop within 300 ms: sent SIGKILL');
    expect(await gone(pid)).toBe(true);
    expect(await gone(grandchild)).toBe(true);
  });

  it('does not start at all when the run is already stopped', async () => {
    const h = harness({ handler: node('protocol.mjs') });
    h.controller.abort(new Error('stopped'));
    await expect(h.run()).rejects.toThrow('stopped');
    expect(h.logs).toEqual([]);
  });
});
